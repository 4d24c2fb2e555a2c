// Consent given at checkout ("renew automatically next time"), issue 10 item 2. The form shows terms built
// here (amount, term, date, how to turn it off); starting the checkout captures them with who, IP and user
// agent, kept with the checkout session; fulfilment records the consent from that stored copy through the
// auto-renew page's own `recordConsent`, which sends the same acknowledgement with the one-click link.

import { addYears } from '@portal/shared/dates';
import type { TCheckoutConsentTerms } from '@portal/shared/schemas/payments';
import { z } from 'zod';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { Tx } from '../../platform/db/connection.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import type { QuoteRecord } from '../offers/service.ts';
import { asTermYears, previewRenewal } from './planning.ts';
import * as repo from './repo.ts';
import { allowedTermYears, type RequestMeta, recordConsent } from './service.ts';
import { checkoutAutoRenewTerms } from './terms.ts';

const ZCheckoutConsentFacts = z.object({
  userId: z.string().nullable(),
  label: z.string(),
  name: z.string(),
  givenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  locale: z.string(),
  termYears: z.number().int(),
  amountMinor: z.number().int(),
  currency: z.string(),
  termsText: z.string(),
  termsHash: z.string(),
});
export type CheckoutConsentFacts = z.infer<typeof ZCheckoutConsentFacts>;

/** The terms the checkout form shows under the checkbox, in the admin's language (null: not renewable). */
export async function checkoutConsentTerms(
  deps: AppDeps,
  actor: CustomerUser,
  quote: QuoteRecord,
): Promise<TCheckoutConsentTerms | null> {
  const ctx = await repo.findSubscriptionContext(deps.db, quote.subscription_id);
  if (!ctx) return null;
  // Consumers in Germany and France renew automatically for a year at most, whatever term they paid for now.
  const wanted = asTermYears(quote.term_years ?? ctx.auto_renew_term_years ?? 1);
  const allowed = allowedTermYears(ctx);
  const termYears = allowed.includes(wanted) ? wanted : (allowed.at(-1) ?? 1);
  let amount: { amountMinor: number; currency: string };
  try {
    // Today's price of a renewal of what is being paid for (its plan and seats, for the same term).
    const preview = await previewRenewal(
      deps,
      { ...ctx, plan_code: quote.plan_code, seats: quote.seats },
      termYears,
    );
    amount = preview.amount;
  } catch (error) {
    if (error instanceof AppError && error.code === 'rule_violated') return null;
    throw error;
  }
  const locale = asEmailLocale(actor.locale);
  const terms = checkoutAutoRenewTerms(locale, {
    subscriptionLabel: ctx.label,
    planName: quote.plan_name,
    seats: quote.seats,
    termYears,
    amount,
    chargeDate: quote.term_end,
  });
  return { ...terms, termYears, amount };
}

/**
 * The consent to capture when the checkout starts: the terms rebuilt now must be the ones the form showed
 * (their hash, else 409), with who, when, IP and user agent. Null when "renew automatically" is not ticked.
 */
export async function captureCheckoutConsent(
  deps: AppDeps,
  input: { actor: CustomerUser; quote: QuoteRecord; termsHash: string | undefined; meta: RequestMeta },
): Promise<CheckoutConsentFacts> {
  const { actor } = input;
  const terms = await checkoutConsentTerms(deps, actor, input.quote);
  if (!terms) {
    throw new AppError('rule_violated', 'This subscription cannot renew automatically.', {
      fields: { renewAutomatically: 'not renewable' },
    });
  }
  if (input.termsHash !== terms.hash) {
    throw new AppError(
      'conflict',
      'The renewal terms have changed since you read them. Please read them again.',
      {
        fields: { consent: 'changed' },
      },
    );
  }
  return {
    userId: actor.id,
    label: actor.email,
    name: actor.name,
    givenAt: deps.clock.now().toISOString(),
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    locale: asEmailLocale(actor.locale),
    termYears: terms.termYears,
    amountMinor: terms.amount.amountMinor,
    currency: terms.amount.currency,
    termsText: terms.text,
    termsHash: terms.hash,
  };
}

export function parseCheckoutConsent(json: string | null | undefined): CheckoutConsentFacts | null {
  if (!json) return null;
  const parsed = ZCheckoutConsentFacts.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/**
 * Inside the payment's fulfilment, after the contract changed and the card was saved: records the stored
 * checkout consent for the renewal at the end of the term just paid, and sends its acknowledgement.
 */
export async function recordCheckoutConsent(
  tx: Tx,
  deps: AppDeps,
  input: {
    subscriptionId: string;
    quoteId: string;
    consent: CheckoutConsentFacts;
    card: { brand: string; last4: string };
    paymentMethodId: string;
  },
): Promise<void> {
  const ctx = await repo.findSubscriptionContext(tx, input.subscriptionId);
  if (!ctx) return;
  const { consent } = input;
  const termYears = asTermYears(consent.termYears);
  await recordConsent(tx, deps, {
    ctx,
    via: 'checkout',
    action: 'enabled',
    actor: { userId: consent.userId, label: consent.label, name: consent.name },
    termYears,
    amount: { amountMinor: consent.amountMinor, currency: consent.currency },
    quoteId: input.quoteId,
    terms: { text: consent.termsText, hash: consent.termsHash },
    locale: asEmailLocale(consent.locale),
    paymentMethodId: input.paymentMethodId,
    meta: { ip: consent.ip, userAgent: consent.userAgent },
    card: input.card,
    chargeDate: ctx.term_end,
    newTermStart: ctx.term_end,
    newTermEnd: addYears(ctx.term_end, termYears),
  });
}
