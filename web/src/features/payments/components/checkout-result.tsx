// The page Stripe returns to after a payment: it waits (with progress, announced) until the portal has
// recorded the payment and applied it, then shows the new last day of service and the invoice. The portal
// reads the payment at Stripe itself while the page waits, so it does not depend on the webhook's timing.

import type { TCheckoutStatus } from '@portal/shared/schemas/payments';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { Spinner } from '@/components/ui/spinner';
import { useBillingDetails } from '@/features/payments/api/get-billing-details';
import { isSettled, useCheckoutStatus } from '@/features/payments/api/get-checkout-status';
import '@/features/payments/payments.css';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

/** How long "open" may last before the page says the payment was not made (the redirect comes after paying). */
const OPEN_GRACE_MS = 8_000;
/** After this the page says it is taking long, and offers to check again. */
const SLOW_MS = 20_000;
/** Polling stops after this; the sweep finishes the payment anyway and e-mails the receipt. */
const GIVE_UP_MS = 120_000;

function useElapsed(isRunning: boolean): number {
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    if (!isRunning) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [isRunning]);
  return now - startedAt;
}

type CheckoutResultProps = {
  sessionId: string | null;
  /** The signed-in payer: the receipt goes to the billing e-mail, else to them. */
  payerEmail: string;
};

export function CheckoutResult({ sessionId, payerEmail }: CheckoutResultProps) {
  const { t } = useTranslation('payments');
  const { t: tApp } = useTranslation();
  if (!sessionId) {
    return (
      <ContentLayout title={t('success.title')} titleSuffix={tApp('app.name')}>
        <EmptyState
          title={t('success.missingSession')}
          action={<Link to={paths.home}>{tApp('common.goHome')}</Link>}
        />
      </ContentLayout>
    );
  }
  return <CheckoutProgress sessionId={sessionId} payerEmail={payerEmail} />;
}

function CheckoutProgress({ sessionId, payerEmail }: { sessionId: string; payerEmail: string }) {
  const { t } = useTranslation('payments');
  const { t: tApp } = useTranslation();
  const [isPolling, setIsPolling] = useState(true);
  const query = useCheckoutStatus(sessionId, { poll: isPolling });
  const settled = isSettled(query.data);
  const elapsed = useElapsed(!settled && isPolling);
  useEffect(() => {
    if (elapsed > GIVE_UP_MS) setIsPolling(false);
  }, [elapsed]);

  if (query.isError) {
    const isMissing = isApiError(query.error, 404);
    return (
      <ContentLayout title={t('success.title')} titleSuffix={tApp('app.name')}>
        {isMissing ? (
          <EmptyState
            title={t('success.notFound')}
            action={<Link to={paths.home}>{tApp('common.goHome')}</Link>}
          />
        ) : (
          <ErrorState
            title={t('success.loadFailed')}
            detail={apiErrorMessage(query.error, tApp)}
            retryLabel={tApp('common.tryAgain')}
            onRetry={() => void query.refetch()}
          />
        )}
      </ContentLayout>
    );
  }

  const status = query.data;
  const isWaiting =
    !status || status.state === 'processing' || (status.state === 'open' && elapsed < OPEN_GRACE_MS);
  return (
    <ContentLayout title={t('success.title')} titleSuffix={tApp('app.name')}>
      <div className="checkout-result">
        {isWaiting ? (
          <div className="stack">
            <h2>{t('success.waitingTitle')}</h2>
            <Spinner label={elapsed > SLOW_MS ? t('success.stillWaiting') : t('success.waiting')} />
            {elapsed > SLOW_MS || !isPolling ? (
              <div>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setIsPolling(true);
                    void query.refetch();
                  }}
                >
                  {t('success.check')}
                </Button>
              </div>
            ) : null}
          </div>
        ) : null}
        <LiveRegion>
          {!isWaiting && status ? <Outcome status={status} payerEmail={payerEmail} /> : null}
        </LiveRegion>
      </div>
    </ContentLayout>
  );
}

function Outcome({ status, payerEmail }: { status: TCheckoutStatus; payerEmail: string }) {
  const { t } = useTranslation('payments');
  const format = useFormat();
  const billing = useBillingDetails();
  const receiptEmail = billing.data?.billingEmail ?? payerEmail;
  const quoteLink = (
    <ButtonLink to={paths.quote(status.quote.id)} variant="secondary">
      {t('success.openQuote')}
    </ButtonLink>
  );
  switch (status.state) {
    case 'fulfilled':
      return (
        <div className="stack">
          <Alert tone="success" title={t('success.fulfilledTitle')}>
            <p className="checkout-result__term">
              {t('success.fulfilled', {
                subscription: status.subscription.label,
                lastDay: format.date(status.subscription.lastDay),
              })}
            </p>
            <p>
              {t('success.paidAmount', { amount: format.money(status.amount), quote: status.quote.number })}
            </p>
            {status.isAutoRenewEnabled ? <p>{t('success.autoRenewOn')}</p> : null}
            {billing.isPending ? null : <p>{t('success.receiptSent', { email: receiptEmail })}</p>}
          </Alert>
          <div className="checkout-result__actions">
            {status.invoice ? (
              <ButtonLink to={paths.invoice(status.invoice.id)} variant="primary">
                {t('success.viewInvoice', { number: status.invoice.number })}
              </ButtonLink>
            ) : null}
            <ButtonLink to={paths.subscription(status.subscription.id)} variant="secondary">
              {t('success.viewSubscription')}
            </ButtonLink>
          </div>
        </div>
      );
    case 'needs_attention':
      return (
        <Alert tone="info" title={t('success.attentionTitle')}>
          <p>{t('success.attention')}</p>
        </Alert>
      );
    case 'expired':
      return (
        <div className="stack">
          <Alert tone="info" title={t('success.expiredTitle')}>
            <p>{t('success.expired')}</p>
          </Alert>
          <div className="checkout-result__actions">{quoteLink}</div>
        </div>
      );
    case 'open':
    case 'processing':
      return (
        <div className="stack">
          <Alert tone="info" title={t('success.openTitle')}>
            <p>{t('success.open', { quote: status.quote.number })}</p>
          </Alert>
          <div className="checkout-result__actions">{quoteLink}</div>
        </div>
      );
    default: {
      const unreachable: never = status.state;
      return unreachable;
    }
  }
}
