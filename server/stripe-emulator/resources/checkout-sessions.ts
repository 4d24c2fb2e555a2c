// Checkout Sessions in `payment` and `setup` mode: create, retrieve, list, expire, line items.
// Paying is done on the hosted page or by a test helper (checkout-completion.ts).
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Emu, RequestCtx } from '../context.ts';
import { invalidRequest, unexpectedState } from '../errors.ts';
import { emitEvent } from '../events.ts';
import type { ApiRouter } from '../http.ts';
import { newId } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import { assertChargeableAmount, assertCurrency } from '../money.ts';
import {
  mergeMetadata,
  zBool,
  zEnum,
  zExpand,
  zId,
  zInt,
  zList,
  zListShape,
  zMetadata,
  zRange,
  zRetrieve,
} from '../params.ts';
import { createLineItem, lineItemsOf, zLineItems } from './line-items.ts';
import { cancelPaymentIntent } from './payment-intents.ts';
import { cancelSetupIntent, createSetupIntent } from './setup-intents.ts';

const HOUR = 60 * 60;

const CreateParams = z.strictObject({
  ...zExpand,
  mode: zEnum(['payment', 'setup'] as const),
  line_items: zLineItems.optional(),
  currency: z.string().optional(),
  customer: zId.optional(),
  customer_email: z.string().optional(),
  customer_creation: zEnum(['always', 'if_required'] as const).optional(),
  client_reference_id: z.string().max(200).optional(),
  metadata: zMetadata.optional(),
  success_url: z.string().max(5000).optional(),
  cancel_url: z.string().max(5000).optional(),
  expires_at: zInt.optional(),
  locale: z.string().optional(),
  payment_method_types: zList(zEnum(['card'] as const)).optional(),
  submit_type: zEnum(['auto', 'book', 'donate', 'pay', 'subscribe'] as const).optional(),
  billing_address_collection: zEnum(['auto', 'required'] as const).optional(),
  allow_promotion_codes: zBool.optional(),
  ui_mode: zEnum(['hosted', 'hosted_page'] as const).optional(),
  payment_intent_data: z
    .strictObject({
      description: z.string().optional(),
      metadata: zMetadata.optional(),
      receipt_email: z.string().optional(),
      setup_future_usage: zEnum(['on_session', 'off_session'] as const).optional(),
      statement_descriptor_suffix: z.string().max(22).optional(),
    })
    .optional(),
  setup_intent_data: z
    .strictObject({ description: z.string().optional(), metadata: zMetadata.optional() })
    .optional(),
});
type CreateParams = z.output<typeof CreateParams>;

const ListParams = z.strictObject({
  ...zListShape,
  created: zRange.optional(),
  customer: zId.optional(),
  payment_intent: zId.optional(),
  status: zEnum(['open', 'complete', 'expired'] as const).optional(),
});
const LineItemsParams = z.strictObject(zListShape);

function expiresAt(emu: Emu, requested: number | undefined): number {
  const now = emu.now();
  if (requested === undefined) return now + 24 * HOUR;
  if (requested < now + HOUR / 2) {
    throw invalidRequest(
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      { param: 'expires_at' },
    );
  }
  if (requested > now + 24 * HOUR) {
    throw invalidRequest(
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      { param: 'expires_at' },
    );
  }
  return requested;
}

function createSession(emu: Emu, req: RequestCtx, params: CreateParams): Stripe.Checkout.Session {
  const id = newId('cs_test');
  const items = (params.line_items ?? []).map((item, i) => createLineItem(emu, id, i, item));
  const isPayment = params.mode === 'payment';
  if (isPayment && items.length === 0) {
    throw invalidRequest('You must provide at least one line item for mode=payment.', {
      param: 'line_items',
      code: 'parameter_missing',
    });
  }
  if (!isPayment && items.length > 0) {
    throw invalidRequest('You cannot pass `line_items` in `setup` mode.', { param: 'line_items' });
  }
  const currencies = new Set(items.map((item) => item.currency));
  if (currencies.size > 1)
    throw invalidRequest('All line items must use the same currency.', { param: 'line_items' });
  const currency = [...currencies][0] ?? (params.currency ? assertCurrency(params.currency) : null);
  if (params.currency && currency !== assertCurrency(params.currency)) {
    throw invalidRequest('`currency` must match the currency of the line items.', { param: 'currency' });
  }
  const total = items.reduce((sum, item) => sum + item.amount_total, 0);
  if (isPayment && currency) assertChargeableAmount(total, currency, 'line_items');
  if (params.customer) emu.store.require('customer', params.customer, 'customer');
  if (params.customer && params.customer_email) {
    throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', {
      param: 'customer_email',
    });
  }
  const setupIntent = isPayment
    ? null
    : createSetupIntent(emu, req, {
        customer: params.customer ?? null,
        description: params.setup_intent_data?.description ?? null,
        metadata: params.setup_intent_data?.metadata ?? null,
        session: id,
      });
  const session: Stripe.Checkout.Session = {
    id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: params.allow_promotion_codes ?? null,
    allowed_payment_method_types: null,
    amount_subtotal: isPayment ? total : null,
    amount_total: isPayment ? total : null,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: params.billing_address_collection ?? null,
    cancel_url: params.cancel_url ?? null,
    client_reference_id: params.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: emu.now(),
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: params.customer ?? null,
    customer_account: null,
    customer_creation: params.customer ? null : (params.customer_creation ?? 'if_required'),
    customer_details: params.customer_email
      ? {
          address: null,
          business_name: null,
          email: params.customer_email,
          individual_name: null,
          name: null,
          phone: null,
          tax_exempt: 'none',
          tax_ids: null,
        }
      : null,
    customer_email: params.customer_email ?? null,
    discounts: [],
    expires_at: expiresAt(emu, params.expires_at),
    integration_identifier: null,
    invoice: null,
    invoice_creation: isPayment
      ? {
          enabled: false,
          invoice_data: {
            account_tax_ids: null,
            custom_fields: null,
            description: null,
            footer: null,
            issuer: null,
            metadata: {},
            rendering_options: null,
          },
        }
      : null,
    livemode: false,
    // The hosted page speaks the language the site asked for (Stripe's `locale`, e.g. `zh` or `en`).
    locale: (params.locale as Stripe.Checkout.Session.Locale | undefined) ?? null,
    managed_payments: null,
    metadata: mergeMetadata({}, params.metadata),
    mode: params.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: isPayment ? 'if_required' : 'always',
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_status: isPayment ? 'unpaid' : 'no_payment_required',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: params.customer
      ? { allow_redisplay_filters: ['always'], payment_method_remove: 'disabled', payment_method_save: null }
      : null,
    setup_intent: setupIntent?.id ?? null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: params.submit_type ?? null,
    subscription: null,
    success_url: params.success_url ?? null,
    total_details: isPayment ? { amount_discount: 0, amount_shipping: 0, amount_tax: 0 } : null,
    ui_mode: 'hosted_page',
    url: `${emu.publicUrl}/c/pay/${id}`,
    wallet_options: null,
  };
  emu.store.insert<'checkout.session'>(session, {
    ...(params.payment_intent_data ? { paymentIntentData: params.payment_intent_data } : {}),
  });
  return session;
}

/** Expires an open session (`checkout.session.expired`); its URL stops accepting payments. */
export function expireSession(emu: Emu, req: RequestCtx, id: string): Stripe.Checkout.Session {
  const session = emu.store.require('checkout.session', id);
  if (session.status !== 'open') {
    throw unexpectedState(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      'checkout_session_unexpected_state',
    );
  }
  // Checkout cancels the intent it created; a late 3-D Secure answer can no longer pay.
  const pi =
    typeof session.payment_intent === 'string'
      ? emu.store.get('payment_intent', session.payment_intent)
      : undefined;
  if (pi && pi.status !== 'succeeded' && pi.status !== 'canceled')
    cancelPaymentIntent(emu, req, pi, 'abandoned');
  const si =
    typeof session.setup_intent === 'string'
      ? emu.store.get('setup_intent', session.setup_intent)
      : undefined;
  if (si && si.status !== 'succeeded' && si.status !== 'canceled')
    cancelSetupIntent(emu, req, si, 'abandoned');
  const expired: Stripe.Checkout.Session = { ...session, status: 'expired', url: null };
  emu.store.update(expired);
  emitEvent(emu, req, 'checkout.session.expired', expired);
  return expired;
}

/** Expires every open session whose `expires_at` has passed on the (movable) clock. */
export function expireDueSessions(emu: Emu): void {
  const due = emu.store.all('checkout.session', {
    fields: { status: 'open' },
    fieldRange: { expires_at: { lte: emu.now() } },
  });
  for (const session of due) expireSession(emu, { requestId: null, idempotencyKey: null }, session.id);
}

export function registerCheckoutSessions(api: ApiRouter): void {
  api.post('/v1/checkout/sessions', CreateParams, (params, { emu, req }) => createSession(emu, req, params));
  api.get('/v1/checkout/sessions/:id', zRetrieve, (_, { emu, param }) =>
    emu.store.require('checkout.session', param('id')),
  );
  api.post('/v1/checkout/sessions/:id/expire', z.strictObject(zExpand), (_, { emu, req, param }) =>
    expireSession(emu, req, param('id')),
  );
  api.get('/v1/checkout/sessions/:id/line_items', LineItemsParams, (params, { emu, param }) =>
    lineItemsOf(emu, emu.store.require('checkout.session', param('id')).id, params),
  );
  api.get('/v1/checkout/sessions', ListParams, (params, { emu }) => {
    const filter = matching(params, ['customer', 'payment_intent', 'status']);
    return listObjects(emu, 'checkout.session', '/v1/checkout/sessions', params, filter);
  });
}
