// A subscription's offers page: loading, not-found and error states, and the seat count the offers are
// priced for (debounced, kept in the address). Members compare; admins also quote.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useOffers } from '@/features/offers/api/get-offers';
import { OffersComparison } from '@/features/offers/components/offers-comparison';
import '@/features/offers/offers.css';
import { useDebouncedValue } from '@/features/offers/hooks/use-debounced-value';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';

const REPRICE_DELAY_MS = 350;

function seatsFromSearch(search: URLSearchParams): number | null {
  const value = search.get('seats');
  return value && /^\d{1,6}$/.test(value) ? Number(value) : null;
}

type OffersViewProps = { subscriptionId: string; canQuote: boolean };

export function OffersView({ subscriptionId, canQuote }: OffersViewProps) {
  const { t } = useTranslation('offers');
  const { t: tApp } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const [seats, setSeats] = useState<number | null>(() => seatsFromSearch(search));
  const pricedSeats = useDebouncedValue(seats, REPRICE_DELAY_MS);
  const query = useOffers(subscriptionId, pricedSeats);

  // The priced seat count lives in the address too, so a reload or a shared link shows the same prices.
  useEffect(() => {
    if (pricedSeats === null || seatsFromSearch(search) === pricedSeats) return;
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('seats', String(pricedSeats));
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }, [pricedSeats, search, setSearch]);

  const backLink = (
    <p className="back-link">
      <Link to={paths.subscription(subscriptionId)}>
        <span aria-hidden="true">← </span>
        {t('backToSubscription')}
      </Link>
    </p>
  );

  if (query.isPending) {
    return (
      <>
        {backLink}
        <Spinner label={t('loading')} />
      </>
    );
  }
  if (query.isError && !query.data) {
    if (isApiError(query.error, 404)) {
      return (
        <ContentLayout title={t('notFoundTitle')} titleSuffix={tApp('app.name')}>
          <EmptyState title={t('notFound')} action={<Link to={paths.home}>{t('backToDashboard')}</Link>} />
        </ContentLayout>
      );
    }
    return (
      <>
        {backLink}
        <ErrorState
          title={t('loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }

  const data = query.data;
  const isRepricing = seats !== pricedSeats || (query.isFetching && query.isPlaceholderData);
  return (
    <>
      {backLink}
      <OffersComparison
        data={data}
        canQuote={canQuote}
        seats={seats ?? (data.renewable ? data.seats : data.subscription.seats)}
        onSeatsChange={setSeats}
        isRepricing={isRepricing}
        repriceError={query.isError ? apiErrorMessage(query.error, tApp) : null}
      />
    </>
  );
}
