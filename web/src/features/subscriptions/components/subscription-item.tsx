// One subscription on the dashboard: name and plan, status, the facts that matter, and what to do next.

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AutoRenewState } from '@/features/subscriptions/components/auto-renew-state';
import { NextActionLink } from '@/features/subscriptions/components/next-action-link';
import { StatusBadge } from '@/features/subscriptions/components/status-badge';
import { TimeLeft } from '@/features/subscriptions/components/time-left';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

export function SubscriptionItem({ subscription }: { subscription: TSubscriptionSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const needsCare = subscription.status === 'grace' || subscription.status === 'expiring';

  return (
    <li className={`subscription-item${needsCare ? ' subscription-item--urgent' : ''}`}>
      <div className="subscription-item__summary">
        <div className="subscription-item__head">
          <h2 className="subscription-item__title" id={titleId}>
            <Link to={paths.subscription(subscription.id)}>{subscription.label}</Link>
          </h2>
          <StatusBadge status={subscription.status} />
        </div>
        <p className="subscription-item__plan">
          {subscription.plan.name} · {t('subscriptions.seats', { count: subscription.seats })}
        </p>
      </div>
      <dl className="subscription-item__facts">
        <div>
          <dt>{t('subscriptions.term')}</dt>
          <dd>
            {t('subscriptions.termRange', {
              start: format.date(subscription.termStart),
              end: format.date(subscription.lastDay),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('subscriptions.timeLeft')}</dt>
          <dd>
            <TimeLeft subscription={subscription} />
          </dd>
        </div>
        <div>
          <dt>{t('subscriptions.autoRenew')}</dt>
          <dd>
            <AutoRenewState autoRenew={subscription.autoRenew} />
          </dd>
        </div>
        <div>
          <dt>{t('subscriptions.annualValue')}</dt>
          <dd className="numeric">{format.money(subscription.annualValue)}</dd>
        </div>
      </dl>
      <div className="subscription-item__action">
        <NextActionLink subscription={subscription} describedBy={titleId} />
        <Link
          to={paths.valueReport(subscription.id)}
          aria-describedby={titleId}
          className="subscription-item__report"
        >
          {t('nav.valueReport')}
        </Link>
      </div>
    </li>
  );
}
