// Ops: the renewals a person should look at: charges held back (a notice missing or late), failing, awaiting
// the customer's authentication, or needing attention.

import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { useRenewalsNeedingAttention } from '@/features/auto-renew/api/renewal-runs';
import { useFormat } from '@/lib/format';

type TAttentionRow = NonNullable<ReturnType<typeof useRenewalsNeedingAttention>['data']>[number];

export function AttentionTable() {
  const { t } = useTranslation('autoRenew');
  const format = useFormat();
  const query = useRenewalsNeedingAttention();
  if (!query.data) return null;
  if (query.data.length === 0) return <p className="muted">{t('ops.attention.empty')}</p>;
  const columns: DataColumn<TAttentionRow>[] = [
    {
      id: 'subscription',
      label: t('ops.attention.columns.subscription'),
      isRowHeader: true,
      cell: (row) => `${row.accountName} — ${row.subscriptionLabel}`,
    },
    { id: 'state', label: t('ops.attention.columns.state'), cell: (row) => t(`ops.states.${row.state}`) },
    {
      id: 'chargeDate',
      label: t('ops.attention.columns.chargeDate'),
      cell: (row) => format.date(row.chargeDate),
    },
    {
      id: 'next',
      label: t('ops.attention.columns.next'),
      cell: (row) => (row.nextAttemptDate ? format.date(row.nextAttemptDate) : '—'),
    },
    { id: 'error', label: t('ops.attention.columns.error'), cell: (row) => row.lastError?.message ?? '—' },
  ];
  return (
    <DataTable
      caption={t('ops.attention.title')}
      columns={columns}
      rows={query.data}
      rowKey={(row) => row.renewalId}
    />
  );
}
