// Paying a quote: an optional "renew automatically next time" with the server's auto-renew terms under
// it (amount, term, how to turn it off; ticking it sends their hash, so the consent kept is what was shown),
// and the Pay button, which opens the summary to check and accept (what, term, seats, who is invoiced,
// amount and tax, method, terms); only then does the admin go on to the hosted payment page (Stripe
// Checkout, or the emulator's). The amount shown is the quote's; the server charges exactly that.

import type { TQuote } from '@portal/shared/schemas/offers';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { useBillingDetails } from '@/features/payments/api/get-billing-details';
import { useCheckoutTerms } from '@/features/payments/api/get-checkout-terms';
import { useStartCheckout } from '@/features/payments/api/start-checkout';
import { CheckoutSummary } from '@/features/payments/components/checkout-summary';
import '@/features/payments/payments.css';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

type PayQuotePanelProps = {
  quote: TQuote;
  canPay: boolean;
  /** Leaves the portal for the payment page; replaceable in tests. */
  navigate?: (url: string) => void;
};

export function PayQuotePanel({
  quote,
  canPay,
  navigate = (url) => window.location.assign(url),
}: PayQuotePanelProps) {
  const { t } = useTranslation('payments');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const checkout = useStartCheckout(quote.id);
  const billing = useBillingDetails();
  const [search] = useSearchParams();
  const terms = useCheckoutTerms(quote.id, canPay);
  const [renewAutomatically, setRenewAutomatically] = useState(false);
  const [isReviewing, setIsReviewing] = useState(false);
  const optionId = useId();
  const hintId = useId();
  const noteId = useId();
  const amount = format.money(quote.total);
  const isLeaving = checkout.isPending || checkout.isSuccess;

  if (!canPay) {
    return (
      <div className="pay-panel">
        <Button disabled aria-describedby={noteId}>
          {t('pay.button', { amount })}
        </Button>
        <p id={noteId} className="muted">
          {t('pay.adminOnly')}
        </p>
      </div>
    );
  }

  const error = checkout.error ? (
    <Alert tone="error" title={t('pay.failed')}>
      {apiErrorMessage(checkout.error, tApp)}
    </Alert>
  ) : null;

  if (isReviewing) {
    return (
      <div className="pay-panel">
        {error}
        <CheckoutSummary
          quote={quote}
          billing={billing.data}
          renewAutomatically={renewAutomatically}
          isLeaving={isLeaving}
          onBack={() => setIsReviewing(false)}
          onContinue={() =>
            checkout.mutate(
              renewAutomatically && terms.data
                ? { renewAutomatically, consentTermsHash: terms.data.hash }
                : { renewAutomatically: false },
              { onSuccess: (session) => navigate(session.url) },
            )
          }
        />
        <p className="muted">{t('pay.secureNote', { amount })}</p>
        <LiveRegion>{isLeaving ? <p>{t('pay.redirecting')}</p> : null}</LiveRegion>
      </div>
    );
  }

  return (
    <div className="pay-panel">
      {error}
      {/* Back from the payment page with its Cancel link: say plainly that nothing was charged. */}
      {search.get('checkout') === 'cancelled' && !isLeaving ? (
        <Alert tone="info" title={t('cancelled.title')}>
          {t('cancelled.body', { date: format.timestamp(quote.expiresAt) })}
        </Alert>
      ) : null}
      {terms.data ? (
        <div className="pay-panel__option">
          <input
            id={optionId}
            type="checkbox"
            checked={renewAutomatically}
            disabled={isLeaving}
            aria-describedby={hintId}
            onChange={(event) => setRenewAutomatically(event.target.checked)}
          />
          <label htmlFor={optionId}>{t('pay.renewAutomatically')}</label>
          <p id={hintId} className="pay-panel__hint muted">
            {terms.data.text}
          </p>
        </div>
      ) : terms.isPending ? (
        <p className="muted">{t('pay.loadingTerms')}</p>
      ) : null}
      <div>
        <Button isLoading={isLeaving} aria-describedby={noteId} onClick={() => setIsReviewing(true)}>
          {t('pay.button', { amount })}
        </Button>
      </div>
      <p id={noteId} className="muted">
        {t('pay.secureNote', { amount })}
      </p>
      <LiveRegion>{isLeaving ? <p>{t('pay.redirecting')}</p> : null}</LiveRegion>
    </div>
  );
}
