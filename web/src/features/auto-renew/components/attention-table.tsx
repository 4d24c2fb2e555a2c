// Ops: the renewals a person should look at: charges held back (a notice missing or late), failing, awaiting
// the customer's authentication, or needing attention.

import { useTranslation } from 'react-i18next';
import { useRenewalsNeedingAttention } from '@/features/auto-renew/api/renewal-runs';
import { useFormat } from '@/lib/format';

export function AttentionTable() {
  const { t } = useTranslation('autoRenew');
  const format = useFormat();
  const query = useRenewalsNeedingAttention();
  if (!query.data) return null;
  if (query.data.length === 0) return <p className="muted">{t('ops.attention.empty')}</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-scroll" aria-label={t('ops.attention.title')} tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('ops.attention.columns.subscription')}</th>
            <th scope="col">{t('ops.attention.columns.state')}</th>
            <th scope="col">{t('ops.attention.columns.chargeDate')}</th>
            <th scope="col">{t('ops.attention.columns.next')}</th>
            <th scope="col">{t('ops.attention.columns.error')}</th>
          </tr>
        </thead>
        <tbody>
          {query.data.map((row) => (
            <tr key={row.renewalId}>
              <th scope="row">
                {row.accountName} — {row.subscriptionLabel}
              </th>
              <td>{t(`ops.states.${row.state}`)}</td>
              <td>{format.date(row.chargeDate)}</td>
              <td>{row.nextAttemptDate ? format.date(row.nextAttemptDate) : '—'}</td>
              <td>{row.lastError?.message ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
