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

/** "New term Dec 20, 2026 – Dec 19, 2027" from an event's termStart and (exclusive) termEnd, if it has them. */
function newTerm(data: TSubscriptionEvent['data'], t: TFunction, format: Formatter): string[] {
  const start = str(data.termStart);
  const end = str(data.termEnd);
  if (!start || !end) return [];
  return [
    t('subscription.event.renewedTerm', { start: format.date(start), end: format.date(addDays(end, -1)) }),
  ];
}

function describe(
  event: TSubscriptionEvent,
  t: TFunction,
  format: Formatter,
): { title: string; details: string[] } {
  const { data } = event;
  switch (event.type) {
    case 'created':
      return { title: t('subscription.event.created'), details: [] };
    case 'renewed':
      return { title: t('subscription.event.renewed'), details: newTerm(data, t, format) };
    case 'auto_renew.enabled': {
      const years = num(data.termYears);
      const details = years ? [t('subscription.termYears', { count: years })] : [];
      return { title: t('subscription.event.auto_renew.enabled'), details };
    }
    case 'auto_renew.disabled':
      return { title: t('subscription.event.auto_renew.disabled'), details: [] };
    case 'auto_renew.term_changed':
    case 'auto_renew.planned':
    case 'auto_renew.notice_sent':
    case 'auto_renew.charged':
    case 'auto_renew.charge_declined':
    case 'auto_renew.authentication_required':
    case 'auto_renew.charge_deferred':
    case 'auto_renew.needs_attention':
    case 'auto_renew.held':
    case 'auto_renew.expired':
      return describeAutoRenew(event, t, format);
    case 'renewal.reminder_sent':
      return {
        title: t('subscription.event.reminder_sent', { days: num(data.daysBefore) ?? 0 }),
        details: [],
      };
    case 'renewal.declined': {
      const lastDay = str(data.lastDay);
      return {
        title: t('subscription.event.renewalDeclined', { date: lastDay ? format.date(lastDay) : '' }),
        details: [],
      };
    }
    case 'renewal.decline_undone':
      return { title: t('subscription.event.renewalDeclineUndone'), details: [] };
    case 'quote.created': {
      const number = str(data.number);
      return { title: t('subscription.event.quoteCreated', { number: number ?? '' }), details: [] };
    }
    case 'quote.accepted': {
      const purchaseOrder = str(data.purchaseOrder);
      return {
        title: t('subscription.event.quoteAccepted', { number: str(data.number) ?? '' }),
        details: purchaseOrder ? [t('subscription.event.purchaseOrder', { number: purchaseOrder })] : [],
      };
    }
    case 'term_started': {
      const seats = num(data.seats);
      return {
        title: t('subscription.event.termStarted'),
        details: seats === null ? [] : [t('subscriptions.seats', { count: seats })],
      };
    }
    case 'contract.cancelled': {
      const lastDay = str(data.lastDay);
      const reason = str(data.reason);
      return {
        title: t('subscription.event.contractCancelled', { date: lastDay ? format.date(lastDay) : '' }),
        details: reason ? [t('subscription.event.reason', { reason })] : [],
      };
    }
    case 'upgraded':
      return { title: t('subscription.event.upgraded'), details: newTerm(data, t, format) };
    case 'seats_added': {
      const from = num(data.from);
      const to = num(data.to);
      return {
        title: t('subscription.event.seatsAdded'),
        details: from !== null && to !== null ? [t('subscription.event.seatsFromTo', { from, to })] : [],
      };
    }
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

/** The automatic renewal's steps: what happened, the amount and date, and what comes next. */
function describeAutoRenew(
  event: TSubscriptionEvent,
  t: TFunction,
  format: Formatter,
): { title: string; details: string[] } {
  const { data } = event;
  const kind = event.type.slice('auto_renew.'.length) as
    | 'term_changed'
    | 'planned'
    | 'notice_sent'
    | 'charged'
    | 'charge_declined'
    | 'authentication_required'
    | 'charge_deferred'
    | 'needs_attention'
    | 'held'
    | 'expired';
  const details: string[] = [];
  const amount = data.amount as { amountMinor?: unknown; currency?: unknown } | undefined;
  const date = str(data.chargeDate);
  if (amount && typeof amount.amountMinor === 'number' && typeof amount.currency === 'string' && date) {
    details.push(
      t('subscription.event.amountOn', {
        amount: format.money({ amountMinor: amount.amountMinor, currency: amount.currency }),
        date: format.date(date),
      }),
    );
  }
  const next = str(data.nextAttempt);
  if (next) details.push(t('subscription.event.nextAttempt', { date: format.date(next) }));
  const code = str(data.reason) ?? str(data.code);
  if (code) details.push(t('subscription.event.code', { code: code.replaceAll('_', ' ') }));
  return { title: t(`subscription.event.auto_renew.${kind}`), details };
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
