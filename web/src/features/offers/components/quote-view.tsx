// A quote's page: its status, the document, printing, and the Pay action while the quote is payable (the
// page that shows it supplies the action: paying belongs to the payments feature).

import type { TQuote, TQuoteStatus } from '@portal/shared/schemas/offers';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useQuote } from '@/features/offers/api/get-quote';
import { quotePdfUrl } from '@/features/offers/api/quote-procurement';
import { QuoteDocument } from '@/features/offers/components/quote-document';
import { QuoteProcurementPanel } from '@/features/offers/components/quote-procurement-panel';
import '@/features/offers/offers.css';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

const STATUS_TONE: Record<TQuoteStatus, BadgeTone> = {
  open: 'info',
  expired: 'warning',
  superseded: 'neutral',
  paid: 'success',
};

type QuoteViewProps = {
  quoteId: string;
  /** Admins set the PO number and accept the quote; members read and download it. */
  isAdmin?: boolean;
  payAction?: (quote: TQuote) => ReactNode;
};

export function QuoteView({ quoteId, isAdmin = false, payAction }: QuoteViewProps) {
  const { t } = useTranslation('offers');
  const { t: tApp } = useTranslation();
  const query = useQuote(quoteId);

  if (query.isPending) return <Spinner label={t('quote.loading')} />;
  if (query.isError) {
    if (isApiError(query.error, 404)) {
      return (
        <ContentLayout title={t('quote.notFoundTitle')} titleSuffix={tApp('app.name')}>
          <EmptyState
            title={t('quote.notFound')}
            action={<Link to={paths.home}>{t('backToDashboard')}</Link>}
          />
        </ContentLayout>
      );
    }
    return (
      <ErrorState
        title={t('quote.loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return <QuoteContent quote={query.data} isAdmin={isAdmin} payAction={payAction} />;
}

function QuoteContent({
  quote,
  isAdmin,
  payAction,
}: {
  quote: TQuote;
  isAdmin: boolean;
  payAction: QuoteViewProps['payAction'];
}) {
  const { t } = useTranslation('offers');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const offersPath = paths.offers(quote.subscription.id);
  return (
    <>
      <p className="back-link">
        <Link to={offersPath}>
          <span aria-hidden="true">← </span>
          {t('quote.backToOffers')}
        </Link>
      </p>
      <ContentLayout
        title={t('quote.title', { number: quote.number })}
        titleSuffix={tApp('app.name')}
        lead={quote.subscription.label}
      >
        <div className="stack">
          <div className="quote-status">
            <Badge tone={STATUS_TONE[quote.status]}>{t(`quote.status.${quote.status}`)}</Badge>
            <span className="numeric quote-status__total">{format.money(quote.total)}</span>
          </div>
          {quote.status === 'expired' ? (
            <Alert tone="info">
              {t('quote.expiredNote', { date: format.timestamp(quote.expiresAt) })}{' '}
              <Link to={offersPath}>{t('quote.freshQuote')}</Link>
            </Alert>
          ) : null}
          {quote.status === 'superseded' ? (
            <Alert tone="info">
              {t('quote.supersededNote', { number: quote.supersededByNumber ?? '' })}{' '}
              <Link to={offersPath}>{t('quote.backToOffers')}</Link>
            </Alert>
          ) : null}
          {quote.status === 'paid' && quote.paidAt ? (
            <Alert tone="success">{t('quote.paidNote', { date: format.timestamp(quote.paidAt) })}</Alert>
          ) : null}
          <div className="quote-actions">
            {quote.isPayable && payAction ? (
              <div className="quote-actions__pay">{payAction(quote)}</div>
            ) : null}
            <a className={buttonClassName('secondary')} href={quotePdfUrl(quote.id)} download>
              {t('quote.downloadPdf')}
            </a>
          </div>
          <QuoteDocument quote={quote} />
          <QuoteProcurementPanel quoteId={quote.id} isAdmin={isAdmin} />
        </div>
      </ContentLayout>
    </>
  );
}
