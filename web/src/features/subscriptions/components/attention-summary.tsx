// The strip above the dashboard's list: how many subscriptions need attention, and why. Worded apart from
// the status badges so that each badge's text appears once per subscription.

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useTranslation } from 'react-i18next';
import { needsAttention } from '@/features/subscriptions/utils/urgency';

const REASONS = ['grace', 'expiring', 'renewal_open'] as const;

export function AttentionSummary({ subscriptions }: { subscriptions: readonly TSubscriptionSummary[] }) {
  const { t } = useTranslation();
  const needing = subscriptions.filter(needsAttention);
  const reasons = REASONS.map((status) => ({
    status,
    count: needing.filter((subscription) => subscription.status === status).length,
  }))
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => t(`subscriptions.attention.${status}`, { count }));

  return (
    <section
      className={`attention-summary${needing.length > 0 ? ' attention-summary--alert' : ''}`}
      aria-label={t('subscriptions.summaryLabel')}
    >
      <p className="attention-summary__headline">
        {needing.length > 0
          ? t('subscriptions.needAttention', { count: needing.length })
          : t('subscriptions.allCalm')}
      </p>
      {reasons.length > 0 ? <p className="attention-summary__reasons">{reasons.join(' · ')}</p> : null}
    </section>
  );
}
