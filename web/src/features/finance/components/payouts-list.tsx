// Payouts with their check: does the sum of their transactions' net equal the amount paid to the bank.

import type { TPayout } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
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
  const columns: DataColumn<TPayout>[] = [
    {
      id: 'arrival',
      label: t('payouts.arrival'),
      isRowHeader: true,
      cell: (p) => (
        <WhenCell
          at={p.arrivalAt}
          id={p.id}
          link={(text) => (
            <Link to={paths.financePayout(p.id)} aria-label={t('payouts.open', { id: p.id })}>
              {text}
            </Link>
          )}
        />
      ),
    },
    { id: 'amount', label: t('common.amount'), isNumeric: true, cell: (p) => format.money(p.amount) },
    { id: 'status', label: t('common.status'), cell: (p) => format.stripeValue(p.status) },
    {
      id: 'transactions',
      label: t('payouts.transactions'),
      isNumeric: true,
      cell: (p) => format.number(p.transactionCount),
    },
    {
      id: 'untraced',
      label: t('payouts.untraced'),
      isNumeric: true,
      cell: (p) => format.number(p.untracedCount),
    },
    { id: 'check', label: t('payouts.check'), cell: (p) => <PayoutCheckBadge check={p.check} /> },
  ];
  return (
    <DataTable
      caption={t('payouts.tableCaption')}
      columns={columns}
      rows={query.data}
      rowKey={(p) => p.id}
      className="finance-table"
    />
  );
}
