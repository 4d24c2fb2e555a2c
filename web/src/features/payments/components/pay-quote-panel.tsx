// Paying a quote: an optional "renew automatically next time" and the Pay button, which takes the admin to
// the hosted payment page (Stripe Checkout, or the emulator's). The amount shown is the quote's; the server
// charges exactly that, whatever the page sends. Under the checkbox are the server's auto-renew terms (amount,
// term, how to turn it off); ticking it sends their hash, so the consent kept is what was shown.

import type { Money } from '@portal/shared/money';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { useCheckoutTerms } from '@/features/payments/api/get-checkout-terms';
import { useStartCheckout } from '@/features/payments/api/start-checkout';
import '@/features/payments/payments.css';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

type PayQuotePanelProps = {
  quoteId: string;
  total: Money;
  canPay: boolean;
  /** Leaves the portal for the payment page; replaceable in tests. */
  navigate?: (url: string) => void;
};

export function PayQuotePanel({
  quoteId,
  total,
  canPay,
  navigate = (url) => window.location.assign(url),
}: PayQuotePanelProps) {
  const { t } = useTranslation('payments');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const checkout = useStartCheckout(quoteId);
  const terms = useCheckoutTerms(quoteId, canPay);
  const [renewAutomatically, setRenewAutomatically] = useState(false);
  const optionId = useId();
  const hintId = useId();
  const noteId = useId();
  const amount = format.money(total);
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

  return (
    <div className="pay-panel">
      {checkout.error ? (
        <Alert tone="error" title={t('pay.failed')}>
          {apiErrorMessage(checkout.error, tApp)}
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
        <Button
          isLoading={isLeaving}
          aria-describedby={noteId}
          onClick={() =>
            checkout.mutate(
              renewAutomatically && terms.data
                ? { renewAutomatically, consentTermsHash: terms.data.hash }
                : { renewAutomatically: false },
              { onSuccess: (session) => navigate(session.url) },
            )
          }
        >
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
