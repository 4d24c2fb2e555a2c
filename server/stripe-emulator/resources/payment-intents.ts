// PaymentIntents: create (optionally confirming, incl. off-session), retrieve, update, confirm,
// cancel, list. The confirmation logic itself lives in payment-attempts.ts.
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Emu, RequestCtx } from '../context.ts';
import { invalidRequest, unexpectedState } from '../errors.ts';
import { emitEvent, saveChange } from '../events.ts';
import type { ApiRouter } from '../http.ts';
import { clientSecret, newId } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import { assertChargeableAmount, assertCurrency } from '../money.ts';
import {
  mergeMetadata,
  zBool,
  zEmptyable,
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
import { confirmPaymentIntent } from './payment-attempts.ts';
import { resolvePaymentMethod } from './payment-methods.ts';

const zSetupFutureUsage = zEnum(['on_session', 'off_session'] as const);
const zOffSession = z.union([zBool, zEnum(['one_off', 'recurring'] as const).transform(() => true)]);

const confirmFields = {
  error_on_requires_action: zBool.optional(),
  off_session: zOffSession.optional(),
  payment_method: zId.optional(),
  receipt_email: zEmptyable(z.string()).optional(),
  return_url: z.string().optional(),
  setup_future_usage: zEmptyable(zSetupFutureUsage).optional(),
};

const CreateParams = z.strictObject({
  ...zExpand,
  ...confirmFields,
  amount: zInt,
  currency: z.string(),
  automatic_payment_methods: z
    .strictObject({ enabled: zBool, allow_redirects: zEnum(['always', 'never'] as const).optional() })
    .optional(),
  capture_method: zEnum(['automatic', 'automatic_async'] as const).optional(),
  confirm: zBool.optional(),
  customer: zId.optional(),
  description: z.string().optional(),
  metadata: zMetadata.optional(),
  payment_method_types: zList(zEnum(['card'] as const)).optional(),
  statement_descriptor: z.string().max(22).optional(),
  statement_descriptor_suffix: z.string().max(22).optional(),
});
type CreateParams = z.output<typeof CreateParams>;

const UpdateParams = z.strictObject({
  ...zExpand,
  amount: zInt.optional(),
  currency: z.string().optional(),
  customer: zId.optional(),
  description: zEmptyable(z.string()).optional(),
  metadata: zMetadata.optional(),
  payment_method: zId.optional(),
  receipt_email: zEmptyable(z.string()).optional(),
  setup_future_usage: zEmptyable(zSetupFutureUsage).optional(),
  statement_descriptor_suffix: zEmptyable(z.string().max(22)).optional(),
});
const ConfirmParams = z.strictObject({ ...zExpand, ...confirmFields });
const CancelParams = z.strictObject({
  ...zExpand,
  cancellation_reason: zEnum([
    'duplicate',
    'fraudulent',
    'requested_by_customer',
    'abandoned',
  ] as const).optional(),
});
const ListParams = z.strictObject({ ...zListShape, created: zRange.optional(), customer: zId.optional() });

export type NewPaymentIntent = {
  amount: number;
  currency: string;
  customer?: string | null;
  description?: string | null;
  metadata?: Record<string, string> | null;
  paymentMethod?: string | null;
  setupFutureUsage?: Stripe.PaymentIntent.SetupFutureUsage | null;
  receiptEmail?: string | null;
  statementDescriptor?: string | null;
  statementDescriptorSuffix?: string | null;
  automaticPaymentMethods?: Stripe.PaymentIntent.AutomaticPaymentMethods | null;
  captureMethod?: Stripe.PaymentIntent.CaptureMethod;
  /** Checkout Session that owns this intent. */
  session?: string;
};

/** Stores a PaymentIntent (`payment_intent.created`); confirm it separately. */
export function createPaymentIntent(
  emu: Emu,
  req: RequestCtx,
  input: NewPaymentIntent,
): Stripe.PaymentIntent {
  const currency = assertCurrency(input.currency);
  assertChargeableAmount(input.amount, currency);
  if (input.customer) emu.store.require('customer', input.customer, 'customer');
  const id = newId('pi');
  const pi: Stripe.PaymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.automaticPaymentMethods ?? null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod ?? 'automatic_async',
    client_secret: clientSecret(id),
    confirmation_method: 'automatic',
    created: emu.now(),
    currency,
    customer: input.customer ?? null,
    customer_account: null,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, input.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod ?? null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail ?? null,
    review: null,
    setup_future_usage: input.setupFutureUsage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: input.statementDescriptor ?? null,
    statement_descriptor_suffix: input.statementDescriptorSuffix ?? null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  emu.store.insert<'payment_intent'>(pi, input.session ? { session: input.session } : {});
  emitEvent(emu, req, 'payment_intent.created', pi);
  return pi;
}

const RETURN_URL_REQUIRED =
  'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.';

function createFromParams(emu: Emu, req: RequestCtx, params: CreateParams): Stripe.PaymentIntent {
  if (params.off_session !== undefined && !params.confirm) {
    throw invalidRequest('You can only pass in `off_session` when `confirm` is set to true.', {
      param: 'off_session',
    });
  }
  const usesTypes = params.payment_method_types !== undefined;
  const automatic = params.automatic_payment_methods;
  if (usesTypes && automatic) {
    throw invalidRequest(
      'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.',
      { param: 'automatic_payment_methods' },
    );
  }
  // Stripe's rule, where the request decides it: redirect-based methods allowed and nowhere to return to.
  if (params.confirm && automatic?.enabled && automatic.allow_redirects !== 'never' && !params.return_url) {
    throw invalidRequest(RETURN_URL_REQUIRED, { param: 'return_url' });
  }
  const savedMethod =
    params.payment_method && !params.confirm
      ? resolvePaymentMethod(emu, req, params.payment_method, 'payment_method').id
      : null;
  const pi = createPaymentIntent(emu, req, {
    amount: params.amount,
    currency: params.currency,
    customer: params.customer ?? null,
    description: params.description ?? null,
    metadata: params.metadata ?? null,
    paymentMethod: savedMethod,
    setupFutureUsage: params.setup_future_usage ?? null,
    receiptEmail: params.receipt_email ?? null,
    statementDescriptor: params.statement_descriptor ?? null,
    statementDescriptorSuffix: params.statement_descriptor_suffix ?? null,
    automaticPaymentMethods: usesTypes
      ? null
      : {
          enabled: params.automatic_payment_methods?.enabled ?? true,
          allow_redirects: params.automatic_payment_methods?.allow_redirects ?? 'always',
        },
    ...(params.capture_method ? { captureMethod: params.capture_method } : {}),
  });
  if (!params.confirm) return pi;
  return confirmPaymentIntent(emu, req, pi.id, {
    paymentMethod: params.payment_method,
    offSession: params.off_session ?? false,
    returnUrl: params.return_url,
    errorOnRequiresAction: params.error_on_requires_action ?? false,
  });
}

function updatePaymentIntent(
  emu: Emu,
  req: RequestCtx,
  id: string,
  params: z.output<typeof UpdateParams>,
): Stripe.PaymentIntent {
  const pi = emu.store.require('payment_intent', id);
  if (pi.status === 'succeeded' || pi.status === 'canceled' || pi.status === 'processing') {
    throw unexpectedState(
      `You cannot update this PaymentIntent because it has a status of ${pi.status}.`,
      'payment_intent_unexpected_state',
    );
  }
  if (params.customer) emu.store.require('customer', params.customer, 'customer');
  const paymentMethod = params.payment_method
    ? resolvePaymentMethod(emu, req, params.payment_method, 'payment_method').id
    : pi.payment_method;
  const currency = params.currency ? assertCurrency(params.currency) : pi.currency;
  if (params.amount !== undefined) assertChargeableAmount(params.amount, currency);
  const next: Stripe.PaymentIntent = {
    ...pi,
    amount: params.amount ?? pi.amount,
    currency,
    customer: params.customer ?? pi.customer,
    description: params.description === undefined ? pi.description : params.description,
    metadata: mergeMetadata(pi.metadata, params.metadata),
    payment_method: paymentMethod,
    receipt_email: params.receipt_email === undefined ? pi.receipt_email : params.receipt_email,
    setup_future_usage:
      params.setup_future_usage === undefined ? pi.setup_future_usage : params.setup_future_usage,
    statement_descriptor_suffix:
      params.statement_descriptor_suffix === undefined
        ? pi.statement_descriptor_suffix
        : params.statement_descriptor_suffix,
  };
  if (params.payment_method && next.status === 'requires_payment_method')
    next.status = 'requires_confirmation';
  return emu.store.update(next);
}

/** Cancels an unfinished PaymentIntent (`payment_intent.canceled`). */
export function cancelPaymentIntent(
  emu: Emu,
  req: RequestCtx,
  pi: Stripe.PaymentIntent,
  reason: Stripe.PaymentIntent.CancellationReason | null,
): Stripe.PaymentIntent {
  if (pi.status === 'succeeded' || pi.status === 'canceled' || pi.status === 'processing') {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action.`,
      'payment_intent_unexpected_state',
    );
  }
  return saveChange(emu, req, 'payment_intent.canceled', pi, {
    ...pi,
    status: 'canceled',
    canceled_at: emu.now(),
    cancellation_reason: reason,
    next_action: null,
  });
}

export function registerPaymentIntents(api: ApiRouter): void {
  api.post('/v1/payment_intents', CreateParams, (params, { emu, req }) => createFromParams(emu, req, params));
  api.get('/v1/payment_intents/:id', zRetrieve, (_, { emu, param }) =>
    emu.store.require('payment_intent', param('id')),
  );
  api.post('/v1/payment_intents/:id', UpdateParams, (params, { emu, req, param }) =>
    updatePaymentIntent(emu, req, param('id'), params),
  );
  api.post('/v1/payment_intents/:id/confirm', ConfirmParams, (params, { emu, req, param }) =>
    confirmPaymentIntent(emu, req, param('id'), {
      paymentMethod: params.payment_method,
      offSession: params.off_session ?? false,
      returnUrl: params.return_url,
      errorOnRequiresAction: params.error_on_requires_action ?? false,
      ...(params.setup_future_usage !== undefined ? { setupFutureUsage: params.setup_future_usage } : {}),
      ...(params.receipt_email !== undefined ? { receiptEmail: params.receipt_email } : {}),
    }),
  );
  api.post('/v1/payment_intents/:id/cancel', CancelParams, (params, { emu, req, param }) => {
    const pi = emu.store.require('payment_intent', param('id'));
    if (emu.store.meta(pi.id).session) {
      throw unexpectedState(
        'You cannot cancel this PaymentIntent because it was created by Checkout. Expire the Checkout Session instead.',
        'payment_intent_unexpected_state',
      );
    }
    return cancelPaymentIntent(emu, req, pi, params.cancellation_reason ?? null);
  });
  api.get('/v1/payment_intents', ListParams, (params, { emu }) =>
    listObjects(emu, 'payment_intent', '/v1/payment_intents', params, matching(params, ['customer'])),
  );
}
