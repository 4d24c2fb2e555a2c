// The dashboard's next step, at the top of every page of one subscription that can be renewed: how much time
// is left and the Renew / Review offers action. Nothing for a subscription that cannot be renewed here
// (cancelled, or renewing automatically).

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubscription } from '@/features/subscriptions/api/get-subscription';
import { NextActionLink } from '@/features/subscriptions/components/next-action-link';
import { TimeLeft } from '@/features/subscriptions/components/time-left';

export function canRenewHere(subscription: Pick<TSubscriptionSummary, 'nextAction'>): boolean {
  return subscription.nextAction === 'renew' || subscription.nextAction === 'review_offers';
}

export function RenewCallout({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const textId = useId();
  const { data: subscription } = useSubscription(subscriptionId);
  if (!subscription || !canRenewHere(subscription)) return null;
  const isUrgent = subscription.status !== 'active' && subscription.status !== 'renewal_open';
  return (
    <section
      className={`renew-callout${isUrgent ? ' renew-callout--urgent' : ''}`}
      aria-label={t('renewCallout.label', { name: subscription.label })}
    >
      <p className="renew-callout__text" id={textId}>
        <span className="renew-callout__name">{subscription.label}</span>{' '}
        <span className="renew-callout__time">
          <TimeLeft subscription={subscription} />
        </span>
      </p>
      <NextActionLink subscription={subscription} describedBy={textId} />
    </section>
  );
}
