// One option in the side-by-side comparison: price per year, total, savings against the 1-year list price,
// the term's dates, the breakdown, and (for admins) the button that freezes it into a quote.

import { addDays } from '@portal/shared/dates';
import type { TOffer } from '@portal/shared/schemas/offers';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { PriceLines } from '@/features/offers/components/price-lines';
import { formatBasisPoints } from '@/features/offers/utils/price-lines';
import { useFormat } from '@/lib/format';

type OfferCardProps = {
  offer: TOffer;
  /** The card's heading, e.g. "3 years". */
  title: string;
  /** The option in full, for the quote button's accessible name, e.g. "Renew Professional, 3 years". */
  optionName: string;
  planNames: Readonly<Record<string, string>>;
  canQuote: boolean;
  isQuoting: boolean;
  isQuoteDisabled: boolean;
  onQuote: (offer: TOffer) => void;
};

export function OfferCard(props: OfferCardProps) {
  const { offer, title, optionName, planNames, canQuote, isQuoting, isQuoteDisabled, onQuote } = props;
  const { t } = useTranslation('offers');
  const format = useFormat();
  const headingId = useId();
  const hasSavings = offer.savings.amountMinor > 0;
  return (
    <article
      className={['offer-card', offer.recommended ? 'offer-card--recommended' : ''].filter(Boolean).join(' ')}
      aria-labelledby={headingId}
    >
      <header className="offer-card__header">
        <h3 id={headingId} className="offer-card__title">
          {title}
        </h3>
        {offer.recommended ? <Badge tone="success">{t('recommended')}</Badge> : null}
      </header>
      <dl className="offer-card__figures">
        {offer.pricePerYear ? (
          <div className="offer-card__figure offer-card__figure--main">
            <dt>{t('pricePerYear')}</dt>
            <dd className="offer-card__price numeric">{format.money(offer.pricePerYear)}</dd>
          </div>
        ) : null}
        <div className="offer-card__figure">
          <dt>{offer.credit.amountMinor > 0 ? t('totalAfterCredit') : t('total')}</dt>
          <dd className="numeric">{format.money(offer.total)}</dd>
        </div>
        {offer.kind === 'seats' ? null : (
          <div className="offer-card__figure">
            <dt>{t('savings')}</dt>
            <dd className="numeric">
              {hasSavings
                ? t('savingsValue', {
                    amount: format.money(offer.savings),
                    percent: formatBasisPoints(offer.savingsBasisPoints, format.locale),
                  })
                : t('noSavings')}
            </dd>
          </div>
        )}
        {offer.credit.amountMinor > 0 ? (
          <div className="offer-card__figure">
            <dt>{t('credit')}</dt>
            <dd className="numeric">{format.money(offer.credit)}</dd>
          </div>
        ) : null}
        <div className="offer-card__figure">
          <dt>{t('seats')}</dt>
          <dd className="numeric offer-card__seats">{t('seatCount', { count: offer.seats })}</dd>
        </div>
        <div className="offer-card__figure">
          <dt>{t('termDates')}</dt>
          <dd>
            {t('termRange', {
              start: format.date(offer.termStart),
              end: format.date(addDays(offer.termEnd, -1)),
            })}
          </dd>
        </div>
      </dl>
      {offer.recommended ? <p className="offer-card__why muted">{t('recommendedWhy')}</p> : null}
      <details className="offer-card__details">
        <summary>{t('breakdown')}</summary>
        <PriceLines
          lines={offer.lines}
          total={offer.total}
          caption={t('breakdownOf', { option: optionName })}
          isCaptionHidden
          planNames={planNames}
        />
      </details>
      {canQuote ? (
        <Button
          variant={offer.recommended ? 'primary' : 'secondary'}
          className="offer-card__action"
          isLoading={isQuoting}
          disabled={isQuoteDisabled}
          onClick={() => onQuote(offer)}
        >
          {t('getQuote')}
          <span className="sr-only"> {t('getQuoteFor', { option: optionName })}</span>
        </Button>
      ) : null}
    </article>
  );
}
