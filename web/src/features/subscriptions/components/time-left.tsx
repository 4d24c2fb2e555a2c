// The time left as one phrase per line ("Ended 6 days ago", "8 grace days left").

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useTranslation } from 'react-i18next';
import { timeLeftParts } from '@/features/subscriptions/utils/time-left';
import { useFormat } from '@/lib/format';

type TimeLeftProps = {
  subscription: Pick<TSubscriptionSummary, 'status' | 'daysLeft' | 'graceDaysLeft' | 'cancelledAt'>;
};

export function TimeLeft({ subscription }: TimeLeftProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const parts = timeLeftParts(subscription, t);
  if (subscription.status === 'cancelled' && subscription.cancelledAt) {
    return <>{t('timeLeft.cancelledOn', { date: format.date(subscription.cancelledAt.slice(0, 10)) })}</>;
  }
  if (parts.length === 0) return <>{t('common.none')}</>;
  return (
    <>
      {parts.map((part, index) => (
        <span key={part} className="time-left__part">
          {index > 0 ? <span className="sr-only">, </span> : null}
          {part}
        </span>
      ))}
    </>
  );
}
