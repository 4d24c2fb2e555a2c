// The comparison itself: the seat picker, the renewal terms side by side (price per year, total, savings, the
// recommended one marked), each higher plan with what it adds, and adding seats now; admins quote an option.

import { addDays } from '@portal/shared/dates';
import type { TOffer, TOffersResponse } from '@portal/shared/schemas/offers';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { LiveRegion } from '@/components/ui/live-region';
import { Spinner } from '@/components/ui/spinner';
import { useCreateQuote } from '@/features/offers/api/create-quote';
import { OfferCard } from '@/features/offers/components/offer-card';
import { PlanGains } from '@/features/offers/components/plan-gains';
import { SeatPicker } from '@/features/offers/components/seat-picker';
import { groupOffers } from '@/features/offers/utils/group-offers';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

type OffersComparisonProps = {
  data: TOffersResponse;
  canQuote: boolean;
  seats: number;
  onSeatsChange: (seats: number) => void;
  isRepricing: boolean;
  repriceError: string | null;
};

export function OffersComparison({
  data,
  canQuote,
  seats,
  onSeatsChange,
  isRepricing,
  repriceError,
}: OffersComparisonProps) {
  const { t } = useTranslation('offers');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { subscription } = data;
  const createQuote = useCreateQuote(subscription.id);
  const [quotingOfferId, setQuotingOfferId] = useState<string | null>(null);
  // While the typed seat count is not one the plan allows, the cards show other seats' prices: disabled.
  const [areSeatsValid, setAreSeatsValid] = useState(true);
  const lead = t('lead', {
    label: subscription.label,
    plan: subscription.plan.name,
    seats: t('seatCount', { count: subscription.seats }),
    date: format.date(addDays(subscription.termEnd, -1)),
  });

  if (!data.renewable) {
    return (
      <ContentLayout title={t('title')} titleSuffix={tApp('app.name')} lead={lead}>
        <EmptyState title={t('unrenewableTitle')}>
          <p>{t(`unrenewable.${data.reason}`)}</p>
        </EmptyState>
      </ContentLayout>
    );
  }

  const groups = groupOffers(data.offers);
  const planNames: Record<string, string> = { [subscription.plan.code]: subscription.plan.name };
  for (const offer of data.offers) planNames[offer.plan.code] = offer.plan.name;

  // The request names the choice only (kind, plan, term, seats); the server prices it again.
  function quote(offer: TOffer) {
    setQuotingOfferId(offer.id);
    createQuote.mutate(
      {
        kind: offer.kind,
        planCode: offer.plan.code,
        seats: offer.seats,
        ...(offer.termYears === null ? {} : { termYears: offer.termYears }),
      },
      { onSuccess: (made) => void navigate(paths.quote(made.id)) },
    );
  }

  const cardProps = (offer: TOffer, title: string, optionName: string) => ({
    offer,
    title,
    optionName,
    planNames,
    canQuote,
    isQuoting: createQuote.isPending && quotingOfferId === offer.id,
    isQuoteDisabled: createQuote.isPending || isRepricing || !areSeatsValid,
    onQuote: quote,
  });
  const startsAtOldEnd = groups.renewals[0]?.termStart === subscription.termEnd;

  return (
    <ContentLayout title={t('title')} titleSuffix={tApp('app.name')} lead={lead}>
      <div className="stack stack--lg">
        {data.openQuote ? (
          <p className="note">
            {t('openQuote', {
              number: data.openQuote.number,
              date: format.timestamp(data.openQuote.expiresAt),
            })}{' '}
            <Link to={paths.quote(data.openQuote.id)}>
              {t('viewQuote', { number: data.openQuote.number })}
            </Link>
          </p>
        ) : null}
        {!canQuote ? <p className="note">{t('memberNote')}</p> : null}
        {createQuote.isError ? <Alert tone="error">{apiErrorMessage(createQuote.error, tApp)}</Alert> : null}

        <div className="offers-toolbar">
          <SeatPicker
            value={seats}
            min={subscription.plan.minSeats}
            max={subscription.plan.maxSeats}
            planName={subscription.plan.name}
            onChange={onSeatsChange}
            onValidityChange={setAreSeatsValid}
          />
          <LiveRegion className="offers-toolbar__status">
            {isRepricing ? (
              <Spinner size="sm" label={t('repricing')} />
            ) : (
              <p className="muted">{t('pricedFor', { seats: t('seatCount', { count: data.seats }) })}</p>
            )}
          </LiveRegion>
        </div>
        {repriceError ? <Alert tone="error">{repriceError}</Alert> : null}

        <div className={['offers', isRepricing ? 'offers--stale' : ''].filter(Boolean).join(' ')}>
          {groups.renewals.length ? (
            <section className="offer-group" aria-labelledby="offers-renew">
              <h2 id="offers-renew" className="offer-group__title">
                {t('renewTitle', { plan: subscription.plan.name })}
              </h2>
              <p className="muted">
                {startsAtOldEnd
                  ? t('renewIntroContinues', { date: format.date(subscription.termEnd) })
                  : t('renewIntroToday', { date: format.date(groups.renewals[0]?.termStart ?? '') })}
              </p>
              <div className="offer-grid">
                {groups.renewals.map((offer) => {
                  const term = t('term', { count: offer.termYears ?? 1 });
                  return (
                    <OfferCard
                      key={offer.id}
                      {...cardProps(offer, term, t('renewOption', { plan: offer.plan.name, term }))}
                    />
                  );
                })}
              </div>
            </section>
          ) : null}

          {groups.upgrades.map(({ plan, offers }) => (
            <section key={plan.code} className="offer-group" aria-labelledby={`offers-upgrade-${plan.code}`}>
              <h2 id={`offers-upgrade-${plan.code}`} className="offer-group__title">
                {t('upgradeTitle', { plan: plan.name })}
              </h2>
              <p className="muted">
                {/* The seeded plans are worded in each language; a plan the vendor adds shows its own text. */}
                {t(`planDescriptions.${plan.code}` as 'planDescriptions.starter', {
                  defaultValue: plan.description,
                })}
              </p>
              <PlanGains current={subscription.plan.features} target={plan.features} planName={plan.name} />
              <p className="muted">
                {/* Derived from the priced lines: an expired term has no unused time, so no credit is promised. */}
                {t(
                  offers.some((offer) => offer.lines.some((line) => line.code === 'proration_credit'))
                    ? 'upgradeIntro'
                    : 'upgradeIntroNoCredit',
                  { plan: subscription.plan.name },
                )}
                {offers[0] && offers[0].seats !== data.seats
                  ? ` ${t('upgradeSeatsRaised', { plan: plan.name, seats: t('seatCount', { count: offers[0].seats }) })}`
                  : ''}
              </p>
              <div className="offer-grid">
                {offers.map((offer) => {
                  const term = t('term', { count: offer.termYears ?? 1 });
                  return (
                    <OfferCard
                      key={offer.id}
                      {...cardProps(offer, term, t('upgradeOption', { plan: plan.name, term }))}
                    />
                  );
                })}
              </div>
            </section>
          ))}

          {groups.seatAddition ? (
            <section className="offer-group" aria-labelledby="offers-seats">
              <h2 id="offers-seats" className="offer-group__title">
                {t('seatsTitle')}
              </h2>
              <p className="muted">
                {t('seatsIntro', {
                  seats: t('seatCount', { count: groups.seatAddition.seats - subscription.seats }),
                  date: format.date(addDays(subscription.termEnd, -1)),
                })}
              </p>
              <div className="offer-grid">
                <OfferCard
                  {...cardProps(
                    groups.seatAddition,
                    t('seatsCard', { from: subscription.seats, to: groups.seatAddition.seats }),
                    t('seatsOption', { from: subscription.seats, to: groups.seatAddition.seats }),
                  )}
                />
              </div>
            </section>
          ) : null}

          {data.offers.length === 0 ? <EmptyState title={t('noOffers')} /> : null}
        </div>

        <p className="muted offers-footnote">
          {t('footnote', {
            currency: subscription.currency,
            date: data.offers[0] ? format.timestamp(data.offers[0].validUntil) : '',
            version: data.rulesVersion,
          })}
        </p>
      </div>
    </ContentLayout>
  );
}
