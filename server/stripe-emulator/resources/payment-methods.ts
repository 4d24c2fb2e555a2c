// PaymentMethods (cards only): `pm_card_*` test ids, retrieve, attach, detach, list by customer.
import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import { z } from 'zod';
import { cardByKey, cardByToken, outcomeFor, type TestCard } from '../cards.ts';
import type { Emu, RequestCtx } from '../context.ts';
import { docUrl, invalidRequest, StripeApiError } from '../errors.ts';
import { emitEvent, saveChange } from '../events.ts';
import type { ApiRouter } from '../http.ts';
import { newId } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import { mergeMetadata, zExpand, zId, zListShape, zMetadata, zRetrieve } from '../params.ts';
import { registerMetadataUpdate } from './metadata-updates.ts';

export type CardDetails = { expMonth: number; expYear: number; name: string | null; email: string | null };

function fingerprint(number: string): string {
  return createHash('sha256').update(number).digest('base64url').replace(/[-_]/g, '').slice(0, 16);
}

/** Default expiry for `pm_card_*` ids: this month, next year. */
function defaultDetails(emu: Emu): CardDetails {
  const now = new Date(emu.now() * 1000);
  return { expMonth: now.getUTCMonth() + 1, expYear: now.getUTCFullYear() + 1, name: null, email: null };
}

/** Stores a new card PaymentMethod made from a test card. */
export function createCardPaymentMethod(
  emu: Emu,
  card: TestCard,
  details: CardDetails,
): Stripe.PaymentMethod {
  const pm: Stripe.PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: details.email,
      name: details.name,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: card.country,
      display_brand: card.brand,
      exp_month: details.expMonth,
      exp_year: details.expYear,
      fingerprint: fingerprint(card.number),
      funding: card.funding,
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: emu.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  return emu.store.insert<'payment_method'>(pm, { card: card.key });
}

/** The test card behind a stored PaymentMethod. */
export function testCardOf(emu: Emu, pm: Stripe.PaymentMethod): TestCard {
  const card = cardByKey(emu.store.meta(pm.id).card ?? '');
  if (!card) throw new Error(`PaymentMethod ${pm.id} has no test card`);
  return card;
}

/** A stored PaymentMethod, or a fresh one for a `pm_card_*` test id (as Stripe does). */
export function resolvePaymentMethod(
  emu: Emu,
  _req: RequestCtx,
  id: string,
  param: string,
): Stripe.PaymentMethod {
  const testCard = cardByToken(id);
  if (testCard) return createCardPaymentMethod(emu, testCard, defaultDetails(emu));
  return emu.store.require('payment_method', id, param);
}

/** 402 `card_error`, optionally carrying the intent it happened on. */
export function cardDeclined(
  decline: { code: string; declineCode: string; message: string },
  extra: {
    charge?: string;
    payment_intent?: Stripe.PaymentIntent;
    setup_intent?: Stripe.SetupIntent;
    payment_method?: Stripe.PaymentMethod;
  } = {},
): StripeApiError {
  return new StripeApiError(
    402,
    {
      type: 'card_error',
      code: decline.code,
      decline_code: decline.declineCode,
      message: decline.message,
      doc_url: docUrl(decline.code),
      ...extra,
    },
    true,
  );
}

/** Attaches to a customer (`payment_method.attached`); cards that always decline fail here, like on Stripe. */
export function attachPaymentMethod(
  emu: Emu,
  req: RequestCtx,
  pm: Stripe.PaymentMethod,
  customerId: string,
): Stripe.PaymentMethod {
  emu.store.require('customer', customerId, 'customer');
  if (pm.customer === customerId) return pm;
  if (pm.customer !== null) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', {
      param: 'payment_method',
    });
  }
  const outcome = outcomeFor(testCardOf(emu, pm).behaviour, {
    operation: 'attach',
    offSession: false,
    offSessionReady: false,
    authenticated: false,
  });
  if (outcome.result === 'declined') throw cardDeclined(outcome.decline, { payment_method: pm });
  const attached: Stripe.PaymentMethod = { ...pm, customer: customerId };
  emu.store.update(attached);
  emitEvent(emu, req, 'payment_method.attached', attached);
  return attached;
}

/** Marks a card as authenticated and saved for off-session use (after a SetupIntent or `setup_future_usage`). */
export function markReadyForOffSession(emu: Emu, pm: Stripe.PaymentMethod): void {
  emu.store.setMeta(pm.id, { offSessionReady: true });
}

/** A card used while not attached to a customer is consumed, as on Stripe. */
export function markUsed(emu: Emu, pm: Stripe.PaymentMethod): void {
  if (pm.customer === null) emu.store.setMeta(pm.id, { used: true });
}

const CreateParams = z.strictObject({
  ...zExpand,
  type: z.literal('card'),
  card: z.strictObject({ token: z.string() }).optional(),
  billing_details: z.strictObject({ name: z.string().optional(), email: z.string().optional() }).optional(),
  metadata: zMetadata.optional(),
});
const AttachParams = z.strictObject({ ...zExpand, customer: zId });
const ListParams = z.strictObject({ ...zListShape, customer: zId.optional(), type: z.string().optional() });

function createFromToken(emu: Emu, params: z.output<typeof CreateParams>): Stripe.PaymentMethod {
  const token = params.card?.token;
  if (!token) {
    throw invalidRequest(
      'Sending credit card numbers directly to the Stripe API is generally unsafe. Use a test token such as tok_visa, or a pm_card_* PaymentMethod.',
      { param: 'card' },
    );
  }
  const card = token.startsWith('tok_') ? cardByKey(token.slice('tok_'.length)) : undefined;
  if (!card)
    throw invalidRequest(`No such token: '${token}'`, {
      param: 'card[token]',
      code: 'resource_missing',
      status: 404,
    });
  const pm = createCardPaymentMethod(emu, card, {
    ...defaultDetails(emu),
    name: params.billing_details?.name ?? null,
    email: params.billing_details?.email ?? null,
  });
  if (!params.metadata) return pm;
  return emu.store.update({ ...pm, metadata: mergeMetadata({}, params.metadata) });
}

export function registerPaymentMethods(api: ApiRouter): void {
  api.post('/v1/payment_methods', CreateParams, (params, { emu }) => createFromToken(emu, params));
  api.get('/v1/payment_methods/:id', zRetrieve, (_, { emu, req, param }) =>
    resolvePaymentMethod(emu, req, param('id'), 'id'),
  );
  registerMetadataUpdate(api, '/v1/payment_methods/:id', 'payment_method', 'payment_method.updated');
  api.post('/v1/payment_methods/:id/attach', AttachParams, (params, { emu, req, param }) =>
    attachPaymentMethod(emu, req, resolvePaymentMethod(emu, req, param('id'), 'id'), params.customer),
  );
  api.post('/v1/payment_methods/:id/detach', zRetrieve, (_, { emu, req, param }) => {
    const pm = emu.store.require('payment_method', param('id'));
    if (pm.customer === null) {
      throw invalidRequest(`The payment method ${pm.id} is not attached to a customer.`, { param: 'id' });
    }
    emu.store.setMeta(pm.id, { offSessionReady: false });
    const customer = emu.store.get('customer', pm.customer as string);
    if (customer?.invoice_settings.default_payment_method === pm.id) {
      // Stripe clears a detached card from the customer's invoice settings.
      const invoiceSettings = { ...customer.invoice_settings, default_payment_method: null };
      saveChange(emu, req, 'customer.updated', customer, { ...customer, invoice_settings: invoiceSettings });
    }
    return saveChange(emu, req, 'payment_method.detached', pm, { ...pm, customer: null });
  });
  api.get('/v1/payment_methods', ListParams, (params, { emu }) => {
    if (!params.customer) throw invalidRequest('Missing required param: customer.', { param: 'customer' });
    const filter = matching(params, ['customer', 'type']);
    return listObjects(emu, 'payment_method', '/v1/payment_methods', params, filter);
  });
}
