// The dashboard's list of subscriptions, most urgent first, with its loading, empty and error states.

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { useSubscriptions } from '@/features/subscriptions/api/get-subscriptions';
import { AttentionSummary } from '@/features/subscriptions/components/attention-summary';
import { SubscriptionItem } from '@/features/subscriptions/components/subscription-item';
import { sortByUrgency } from '@/features/subscriptions/utils/urgency';
import { apiErrorMessage } from '@/lib/api-error-message';

export function SubscriptionList() {
  const { t } = useTranslation();
  const query = useSubscriptions();

  if (query.isPending) return <SkeletonList label={t('subscriptions.loading')} rows={4} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('subscriptions.loadFailed')}
        detail={apiErrorMessage(query.error, t)}
        retryLabel={t('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (query.data.length === 0) {
    return <EmptyState title={t('subscriptions.empty')}>{t('subscriptions.emptyBody')}</EmptyState>;
  }
  return <SortedList subscriptions={query.data} />;
}

function SortedList({ subscriptions }: { subscriptions: readonly TSubscriptionSummary[] }) {
  const sorted = useMemo(() => sortByUrgency(subscriptions), [subscriptions]);
  return (
    <>
      <AttentionSummary subscriptions={subscriptions} />
      <ul className="subscription-list">
        {sorted.map((subscription) => (
          <SubscriptionItem key={subscription.id} subscription={subscription} />
        ))}
      </ul>
    </>
  );
}
