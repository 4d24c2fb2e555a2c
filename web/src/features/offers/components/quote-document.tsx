// The quote as a document: who it is for, what it covers, its frozen lines and total, and until when it is
// honoured. Print-ready (the app around it is hidden in print), so "Save as PDF" gives the customer a file.

import { addDays } from '@portal/shared/dates';
import type { TQuote } from '@portal/shared/schemas/offers';
import { useTranslation } from 'react-i18next';
import { PriceLines } from '@/features/offers/components/price-lines';
import { useFormat } from '@/lib/format';

export function QuoteDocument({ quote }: { quote: TQuote }) {
  const { t } = useTranslation('offers');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const seats = t('seatCount', { count: quote.seats });
  const term = t('term', { count: quote.termYears ?? 1 });
  const covers =
    quote.kind === 'renew'
      ? t('quote.covers.renew', { plan: quote.plan.name, seats, term })
      : quote.kind === 'upgrade'
        ? t('quote.covers.upgrade', { from: quote.fromPlan.name, plan: quote.plan.name, seats, term })
        : t('quote.covers.seats', { plan: quote.plan.name, from: quote.previousSeats, to: quote.seats });
  const planNames = { [quote.plan.code]: quote.plan.name, [quote.fromPlan.code]: quote.fromPlan.name };

  return (
    <article className="quote-document" aria-labelledby="quote-document-title">
      <header className="quote-document__header">
        <div>
          <p className="quote-document__seller">{tApp('app.name')}</p>
          <h2 id="quote-document-title" className="quote-document__title">
            {t('quote.documentTitle', { number: quote.number })}
          </h2>
        </div>
        <dl className="quote-document__meta">
          <div>
            <dt>{t('quote.issued')}</dt>
            <dd>{format.timestamp(quote.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('quote.validUntil')}</dt>
            <dd>{format.timestamp(quote.expiresAt)}</dd>
          </div>
        </dl>
      </header>
      <div className="quote-document__parties">
        <section aria-labelledby="quote-buyer">
          <h3 id="quote-buyer" className="quote-document__label">
            {t('quote.preparedFor')}
          </h3>
          <p className="quote-document__strong">{quote.buyer.accountName}</p>
          <p>
            {t('quote.requestedBy', { name: quote.buyer.requestedBy, email: quote.buyer.requestedByEmail })}
          </p>
        </section>
        <section aria-labelledby="quote-covers">
          <h3 id="quote-covers" className="quote-document__label">
            {t('quote.coversTitle')}
          </h3>
          <p className="quote-document__strong">{quote.subscription.label}</p>
          <p>{covers}</p>
          <p>
            {t('quote.period', {
              start: format.date(quote.termStart),
              end: format.date(addDays(quote.termEnd, -1)),
            })}
          </p>
        </section>
      </div>
      <PriceLines
        lines={quote.lines}
        total={quote.total}
        caption={t('quote.linesCaption')}
        planNames={planNames}
      />
      <p className="quote-document__terms">
        {t('quote.honoured', {
          date: format.timestamp(quote.expiresAt),
          currency: quote.currency,
          version: quote.rulesVersion,
        })}
      </p>
    </article>
  );
}
