// The one thing to do next with a subscription, as a link: "Renew" and "Review offers" open its offers page,
// "Manage auto-renew" its own page. Its name stays the action ("Renew"); the subscription is its description.

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '@/components/ui/button-link';
import { paths } from '@/lib/paths';

type NextActionLinkProps = {
  subscription: Pick<TSubscriptionSummary, 'id' | 'nextAction'>;
  /** The id of the element naming the subscription, so that "Renew" is announced with what it renews. */
  describedBy: string;
};

export function NextActionLink({ subscription, describedBy }: NextActionLinkProps) {
  const { t } = useTranslation();
  const { nextAction } = subscription;
  if (nextAction === 'none') return null;
  return (
    <ButtonLink
      to={
        nextAction === 'manage_auto_renew' ? paths.autoRenew(subscription.id) : paths.offers(subscription.id)
      }
      variant={nextAction === 'renew' ? 'primary' : 'secondary'}
      size="sm"
      aria-describedby={describedBy}
    >
      {t(`subscriptions.nextAction.${nextAction}`)}
    </ButtonLink>
  );
}
