// Reconciliation lines as a table: each Stripe transaction (or portal record Stripe lacks) with its result,
// both sides' figures, and the invoice it is traced to.

import type { TReconLine } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { ReconClassBadge } from '@/features/finance/components/recon-class-badge';
import { WhenCell } from '@/features/finance/components/when-cell';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { paths } from '@/lib/paths';

export function ReconLinesTable({ lines, caption }: { lines: readonly TReconLine[]; caption: string }) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const columns: DataColumn<TReconLine>[] = [
    {
      id: 'date',
      label: t('common.date'),
      isRowHeader: true,
      cell: (line) => <WhenCell at={line.occurredAt} id={line.subjectId} />,
    },
    {
      id: 'type',
      label: t('payout.type'),
      cell: (line) =>
        line.transaction ? format.stripeValue(line.transaction.type) : t(`subjects.${line.subjectType}`),
    },
    {
      id: 'amount',
      label: t('common.amount'),
      isNumeric: true,
      cell: (line) => format.maybeMoney(line.transaction?.amount ?? line.portal?.amount ?? null),
    },
    {
      id: 'fee',
      label: t('common.fee'),
      isNumeric: true,
      cell: (line) => format.maybeMoney(line.transaction?.fee ?? null),
    },
    {
      id: 'net',
      label: t('common.net'),
      isNumeric: true,
      cell: (line) => format.maybeMoney(line.transaction?.net ?? null),
    },
    {
      id: 'class',
      label: t('common.class'),
      cell: (line) => (
        <span>
          <ReconClassBadge value={line.class} />
          {line.detail && line.class !== 'matched' ? (
            <span className="finance-table__sub">{t(`details.${line.detail}`)}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'invoice',
      label: t('common.invoice'),
      cell: (line) =>
        line.invoice && line.portal?.paymentId ? (
          <Link to={paths.financePayment(line.portal.paymentId)}>{line.invoice.number}</Link>
        ) : (
          t('common.none')
        ),
    },
    { id: 'account', label: t('common.account'), cell: (line) => line.account?.name ?? t('common.none') },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={lines}
      rowKey={(line) => String(line.lineNo)}
      className="finance-table"
    />
  );
}
