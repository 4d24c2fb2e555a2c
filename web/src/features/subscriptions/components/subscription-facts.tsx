// The facts of one subscription as a description list.

import { addDays } from '@portal/shared/dates';
import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AutoRenewState } from '@/features/subscriptions/components/auto-renew-state';
import { StatusBadge } from '@/features/subscriptions/components/status-badge';
import { TimeLeft } from '@/features/subscriptions/components/time-left';
import { useFormat } from '@/lib/format';

export function SubscriptionFacts({ subscription }: { subscription: TSubscriptionSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const facts: [string, ReactNode][] = [
    [t('subscriptions.status'), <StatusBadge key="status" status={subscription.status} />],
    [t('subscriptions.plan'), subscription.plan.name],
    [t('subscriptions.seatsLabel'), t('subscriptions.seats', { count: subscription.seats })],
    [t('subscriptions.termStart'), format.date(subscription.termStart)],
    [t('subscriptions.lastDay'), format.date(subscription.lastDay)],
    [t('subscriptions.timeLeft'), <TimeLeft key="time" subscription={subscription} />],
    [t('subscriptions.autoRenew'), <AutoRenewState key="auto" autoRenew={subscription.autoRenew} />],
    [
      t('subscriptions.annualValue'),
      t('subscriptions.perYear', { amount: format.money(subscription.annualValue) }),
    ],
  ];
  const next = subscription.nextTerm;
  if (next) {
    // Paid ahead: the running term ends where the next one starts; the next one brings its plan and seats.
    facts.splice(4, 0, [
      t('subscriptions.currentTerm'),
      t('subscriptions.currentTermValue', {
        from: format.date(subscription.termStart),
        to: format.date(addDays(next.termStart, -1)),
      }),
    ]);
    facts.splice(5, 0, [
      t('subscriptions.nextTerm'),
      t('subscriptions.nextTermValue', {
        from: format.date(next.termStart),
        to: format.date(next.lastDay),
        plan: next.plan.name,
        seats: t('subscriptions.seats', { count: next.seats }),
      }),
    ]);
  }
  if (subscription.hasPendingPayment)
    facts.push([t('subscriptions.payment'), t('subscriptions.paymentPending')]);

  return (
    <dl className="facts">
      {facts.map(([term, value], index) => (
        <div key={index} className="facts__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
