// The step before the payment page: what is bought, for which term and seats, who is invoiced, the amount
// with its tax, how it is paid, whether it renews by itself, and the terms to accept. Only after the terms
// are accepted does "Continue to payment" start the checkout.

import { addDays } from '@portal/shared/dates';
import type { TQuote } from '@portal/shared/schemas/offers';
import type { TBillingDetails } from '@portal/shared/schemas/payments';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useFormat } from '@/lib/format';

type CheckoutSummaryProps = {
  quote: TQuote;
  billing: TBillingDetails | undefined;
  renewAutomatically: boolean;
  isLeaving: boolean;
  onBack: () => void;
  onContinue: () => void;
};

function billedTo(billing: TBillingDetails | undefined, quote: TQuote): string[] {
  if (!billing) return [quote.buyer.accountName];
  const place = [billing.postalCode, billing.city, billing.region].filter(Boolean).join(' ');
  return [
    billing.legalName ?? billing.accountName,
    billing.addressLine1,
    billing.addressLine2,
    [place, billing.country].filter(Boolean).join(', '),
  ].filter((line): line is string => Boolean(line));
}

export function CheckoutSummary(props: CheckoutSummaryProps) {
  const { quote, billing, renewAutomatically, isLeaving, onBack, onContinue } = props;
  const { t } = useTranslation('payments');
  const format = useFormat();
  const headingId = useId();
  const termsId = useId();
  const errorId = useId();
  const termsRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The step replaces the Pay button: focus moves to its heading, so it is read from the top.
  useEffect(() => headingRef.current?.focus(), []);
  const [accepted, setAccepted] = useState(false);
  const [showError, setShowError] = useState(false);
  const subtotal = { amountMinor: quote.total.amountMinor - quote.tax.amountMinor, currency: quote.currency };

  function proceed() {
    if (!accepted) {
      setShowError(true);
      termsRef.current?.focus();
      return;
    }
    onContinue();
  }

  return (
    <section className="checkout-summary" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="checkout-summary__title">
        {t('confirm.title')}
      </h2>
      <dl className="checkout-summary__facts">
        <div>
          <dt>{t('confirm.what')}</dt>
          <dd>
            {t(`confirm.kind.${quote.kind}`, { plan: quote.plan.name, from: quote.fromPlan.name })} ·{' '}
            {quote.subscription.label} · {t('confirm.quote', { number: quote.number })}
          </dd>
        </div>
        <div>
          <dt>{t('confirm.term')}</dt>
          <dd>
            {t('confirm.termRange', {
              start: format.date(quote.termStart),
              end: format.date(addDays(quote.termEnd, -1)),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('confirm.seats')}</dt>
          <dd>{t('confirm.seatCount', { count: quote.seats })}</dd>
        </div>
        <div>
          <dt>{t('confirm.billedTo')}</dt>
          <dd>
            {billedTo(billing, quote).map((line) => (
              <span key={line} className="checkout-summary__line">
                {line}
              </span>
            ))}
            {billing?.taxId ? (
              <span className="checkout-summary__line">{t('confirm.taxId', { taxId: billing.taxId })}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('confirm.amount')}</dt>
          <dd>
            <span className="checkout-summary__line numeric">
              {t('confirm.subtotal', { amount: format.money(subtotal) })}
            </span>
            <span className="checkout-summary__line numeric">
              {t('confirm.tax', { amount: format.money(quote.tax) })}
            </span>
            <strong className="checkout-summary__line numeric">
              {t('confirm.total', { amount: format.money(quote.total) })}
            </strong>
          </dd>
        </div>
        <div>
          <dt>{t('confirm.method')}</dt>
          <dd>{t('confirm.methodCard')}</dd>
        </div>
        <div>
          <dt>{t('confirm.autoRenew')}</dt>
          <dd>{renewAutomatically ? t('confirm.autoRenewYes') : t('confirm.autoRenewNo')}</dd>
        </div>
      </dl>
      <div className={`pay-panel__option${showError && !accepted ? ' field--invalid' : ''}`}>
        <input
          id={termsId}
          ref={termsRef}
          type="checkbox"
          checked={accepted}
          disabled={isLeaving}
          aria-invalid={showError && !accepted ? true : undefined}
          aria-describedby={showError && !accepted ? errorId : undefined}
          onChange={(event) => setAccepted(event.target.checked)}
        />
        <label htmlFor={termsId}>
          {t('confirm.accept', {
            date: format.timestamp(quote.expiresAt),
            amount: format.money(quote.total),
          })}
        </label>
        {showError && !accepted ? (
          <p id={errorId} className="field__error pay-panel__hint">
            {t('confirm.acceptRequired')}
          </p>
        ) : null}
      </div>
      <div className="checkout-summary__actions">
        <Button isLoading={isLeaving} onClick={proceed}>
          {t('confirm.continue', { amount: format.money(quote.total) })}
        </Button>
        <Button variant="secondary" disabled={isLeaving} onClick={onBack}>
          {t('confirm.back')}
        </Button>
      </div>
    </section>
  );
}
