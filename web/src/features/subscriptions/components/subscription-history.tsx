// A subscription's history as a timeline, newest first. Known event types read as sentences; any other
// type is still shown, with its data, so nothing recorded is hidden.

import { addDays } from '@portal/shared/dates';
import type { TSubscriptionEvent } from '@portal/shared/schemas/subscriptions';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format';

type Formatter = ReturnType<typeof useFormat>;

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function describe(
  event: TSubscriptionEvent,
  t: TFunction,
  format: Formatter,
): { title: string; details: string[] } {
  const { data } = event;
  switch (event.type) {
    case 'created':
      return { title: t('subscription.event.created'), details: [] };
    case 'renewed': {
      const start = str(data.termStart);
      const end = str(data.termEnd);
      const details =
        start && end
          ? [
              t('subscription.event.renewedTerm', {
                start: format.date(start),
                end: format.date(addDays(end, -1)),
              }),
            ]
          : [];
      return { title: t('subscription.event.renewed'), details };
    }
    case 'auto_renew.enabled': {
      const years = num(data.termYears);
      const details = years ? [t('subscription.termYears', { count: years })] : [];
      return { title: t('subscription.event.auto_renew.enabled'), details };
    }
    case 'auto_renew.disabled':
      return { title: t('subscription.event.auto_renew.disabled'), details: [] };
    case 'cancelled': {
      const reason = str(data.reason);
      return {
        title: t('subscription.event.cancelled'),
        details: reason ? [t('subscription.event.reason', { reason })] : [],
      };
    }
    default:
      return {
        title: t('subscription.event.unknown', { type: event.type }),
        details: Object.entries(data).map(
          ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
        ),
      };
  }
}

export function SubscriptionHistory({ events }: { events: readonly TSubscriptionEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (events.length === 0) return <p className="muted">{t('subscription.historyEmpty')}</p>;
  const newestFirst = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="timeline">
      {newestFirst.map((event) => {
        const { title, details } = describe(event, t, format);
        return (
          <li
            key={event.id}
            className={`timeline__item timeline__item--${event.type.replace(/[^a-z]/g, '-')}`}
          >
            <p className="timeline__title">{title}</p>
            {details.map((detail) => (
              <p key={detail} className="timeline__detail">
                {detail}
              </p>
            ))}
            <p className="timeline__meta">
              <time dateTime={event.at}>{format.timestamp(event.at)}</time>
              {event.actor ? <> · {t('subscription.by', { actor: event.actor })}</> : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
