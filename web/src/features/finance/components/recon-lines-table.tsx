// Reconciliation lines as a table: each Stripe transaction (or portal record Stripe lacks) with its result,
// both sides' figures, and the invoice it is traced to.

import type { TReconLine } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ReconClassBadge } from '@/features/finance/components/recon-class-badge';
import { WhenCell } from '@/features/finance/components/when-cell';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { paths } from '@/lib/paths';

export function ReconLinesTable({ lines, caption }: { lines: readonly TReconLine[]; caption: string }) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-scroll" aria-label={caption} tabIndex={0}>
      <table className="table finance-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.date')}</th>
            <th scope="col">{t('payout.type')}</th>
            <th scope="col" className="numeric">
              {t('common.amount')}
            </th>
            <th scope="col" className="numeric">
              {t('common.fee')}
            </th>
            <th scope="col" className="numeric">
              {t('common.net')}
            </th>
            <th scope="col">{t('common.class')}</th>
            <th scope="col">{t('common.invoice')}</th>
            <th scope="col">{t('common.account')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.lineNo}>
              <th scope="row">
                <WhenCell at={line.occurredAt} id={line.subjectId} />
              </th>
              <td>{line.transaction?.type ?? t(`subjects.${line.subjectType}`)}</td>
              <td className="numeric">
                {format.maybeMoney(line.transaction?.amount ?? line.portal?.amount ?? null)}
              </td>
              <td className="numeric">{format.maybeMoney(line.transaction?.fee ?? null)}</td>
              <td className="numeric">{format.maybeMoney(line.transaction?.net ?? null)}</td>
              <td>
                <ReconClassBadge value={line.class} />
                {line.detail && line.class !== 'matched' ? (
                  <span className="finance-table__sub">{t(`details.${line.detail}`)}</span>
                ) : null}
              </td>
              <td>
                {line.invoice && line.portal?.paymentId ? (
                  <Link to={paths.financePayment(line.portal.paymentId)}>{line.invoice.number}</Link>
                ) : (
                  t('common.none')
                )}
              </td>
              <td>{line.account?.name ?? t('common.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
