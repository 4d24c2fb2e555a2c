// Payouts with their check: does the sum of their transactions' net equal the amount paid to the bank.

import type { TPayout } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { usePayouts } from '@/features/finance/api/get-payouts';
import { WhenCell } from '@/features/finance/components/when-cell';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';

const CHECK_TONES: Record<TPayout['check'], BadgeTone> = {
  balanced: 'success',
  unbalanced: 'critical',
  not_itemised: 'neutral',
  pending: 'info',
};

export function PayoutCheckBadge({ check }: { check: TPayout['check'] }) {
  const { t } = useTranslation('finance');
  return <Badge tone={CHECK_TONES[check]}>{t(`payouts.checks.${check}`)}</Badge>;
}

export function PayoutsList() {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  const format = useFinanceFormat();
  const query = usePayouts();
  if (query.isPending) return <SkeletonList label={t('common.loading')} rows={3} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('common.loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (query.data.length === 0) return <EmptyState title={t('payouts.empty')} />;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-scroll" aria-label={t('payouts.tableCaption')} tabIndex={0}>
      <table className="table finance-table">
        <caption className="sr-only">{t('payouts.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('payouts.arrival')}</th>
            <th scope="col" className="numeric">
              {t('common.amount')}
            </th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col" className="numeric">
              {t('payouts.transactions')}
            </th>
            <th scope="col" className="numeric">
              {t('payouts.untraced')}
            </th>
            <th scope="col">{t('payouts.check')}</th>
          </tr>
        </thead>
        <tbody>
          {query.data.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <WhenCell
                  at={p.arrivalAt}
                  id={p.id}
                  link={(text) => (
                    <Link to={paths.financePayout(p.id)} aria-label={t('payouts.open', { id: p.id })}>
                      {text}
                    </Link>
                  )}
                />
              </th>
              <td className="numeric">{format.money(p.amount)}</td>
              <td>{p.status}</td>
              <td className="numeric">{format.number(p.transactionCount)}</td>
              <td className="numeric">{format.number(p.untracedCount)}</td>
              <td>
                <PayoutCheckBadge check={p.check} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
