// SetupIntents: saving a card for later (off-session) use, with 3-D Secure for cards that need it;
// create, retrieve, confirm, cancel, list.
import type Stripe from 'stripe';
import { z } from 'zod';
import { outcomeFor } from '../cards.ts';
import type { Emu, RequestCtx } from '../context.ts';
import { docUrl, unexpectedState } from '../errors.ts';
import { emitEvent, saveChange } from '../events.ts';
import type { ApiRouter } from '../http.ts';
import { clientSecret, newId } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import {
  mergeMetadata,
  zBool,
  zEnum,
  zExpand,
  zId,
  zList,
  zListShape,
  zMetadata,
  zRange,
  zRetrieve,
} from '../params.ts';
import {
  attachPaymentMethod,
  cardDeclined,
  markReadyForOffSession,
  markUsed,
  resolvePaymentMethod,
  testCardOf,
} from './payment-methods.ts';

export type NewSetupIntent = {
  customer?: string | null;
  description?: string | null;
  metadata?: Record<string, string> | null;
  usage?: 'off_session' | 'on_session';
  session?: string;
};

/** Stores a SetupIntent (`setup_intent.created`). */
export function createSetupIntent(emu: Emu, req: RequestCtx, input: NewSetupIntent): Stripe.SetupIntent {
  if (input.customer) emu.store.require('customer', input.customer, 'customer');
  const id = newId('seti');
  const si: Stripe.SetupIntent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: clientSecret(id),
    created: emu.now(),
    customer: input.customer ?? null,
    customer_account: null,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: mergeMetadata({}, input.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: input.usage ?? 'off_session',
  };
  emu.store.insert<'setup_intent'>(si, input.session ? { session: input.session } : {});
  emitEvent(emu, req, 'setup_intent.created', si);
  return si;
}

function succeed(
  emu: Emu,
  req: RequestCtx,
  si: Stripe.SetupIntent,
  pm: Stripe.PaymentMethod,
): Stripe.SetupIntent {
  const saved = typeof si.customer === 'string' ? attachPaymentMethod(emu, req, pm, si.customer) : pm;
  if (si.usage === 'off_session') markReadyForOffSession(emu, saved);
  const succeeded: Stripe.SetupIntent = {
    ...si,
    status: 'succeeded',
    payment_method: saved.id,
    next_action: null,
    last_setup_error: null,
  };
  emu.store.update(succeeded);
  emitEvent(emu, req, 'setup_intent.succeeded', succeeded);
  return succeeded;
}

function attempt(
  emu: Emu,
  req: RequestCtx,
  si: Stripe.SetupIntent,
  pm: Stripe.PaymentMethod,
  authenticated: boolean,
  returnUrl?: string,
) {
  const outcome = outcomeFor(testCardOf(emu, pm).behaviour, {
    operation: 'setup',
    offSession: false,
    offSessionReady: false,
    authenticated,
  });
  switch (outcome.result) {
    case 'ok':
      return succeed(emu, req, si, pm);
    case 'needs_authentication': {
      const pending: Stripe.SetupIntent = {
        ...si,
        status: 'requires_action',
        payment_method: pm.id,
        next_action: {
          type: 'redirect_to_url',
          redirect_to_url: { url: `${emu.publicUrl}/3ds/${si.id}`, return_url: returnUrl ?? null },
        },
      };
      emu.store.update(pending, returnUrl ? { returnUrl } : {});
      emitEvent(emu, req, 'setup_intent.requires_action', pending);
      return pending;
    }
    case 'declined': {
      markUsed(emu, pm);
      const { decline } = outcome;
      const failed: Stripe.SetupIntent = {
        ...si,
        status: 'requires_payment_method',
        payment_method: null,
        next_action: null,
        last_setup_error: {
          type: 'card_error',
          code: decline.code,
          decline_code: decline.declineCode,
          doc_url: docUrl(decline.code),
          message: decline.message,
          payment_method: pm,
        },
      };
      emu.store.update(failed);
      emitEvent(emu, req, 'setup_intent.setup_failed', failed);
      throw cardDeclined(decline, { setup_intent: failed, payment_method: pm });
    }
  }
}

/** Confirms with a card; a declined card is a 402 card error after the failure is recorded. */
export function confirmSetupIntent(
  emu: Emu,
  req: RequestCtx,
  id: string,
  options: { paymentMethod?: string | undefined; returnUrl?: string | undefined },
): Stripe.SetupIntent {
  const si = emu.store.require('setup_intent', id);
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(si.status)) {
    throw unexpectedState(
      `You cannot confirm this SetupIntent because it has a status of ${si.status}.`,
      'setup_intent_unexpected_state',
    );
  }
  const pmId = options.paymentMethod ?? (typeof si.payment_method === 'string' ? si.payment_method : null);
  if (!pmId) {
    throw unexpectedState(
      "You cannot confirm this SetupIntent because it's missing a payment method.",
      'setup_intent_unexpected_state',
    );
  }
  const pm = resolvePaymentMethod(emu, req, pmId, 'payment_method');
  return attempt(emu, req, si, pm, false, options.returnUrl);
}

/** The cardholder's answer to the 3-D Secure challenge of a `requires_action` SetupIntent. */
export function authenticateSetupIntent(
  emu: Emu,
  req: RequestCtx,
  id: string,
  approved: boolean,
): Stripe.SetupIntent {
  const si = emu.store.require('setup_intent', id);
  if (si.status !== 'requires_action' || typeof si.payment_method !== 'string') {
    throw unexpectedState(
      `SetupIntent ${si.id} has status ${si.status} and does not require authentication.`,
      'setup_intent_unexpected_state',
    );
  }
  const pm = emu.store.require('payment_method', si.payment_method);
  if (approved) return attempt(emu, req, si, pm, true);
  const failed: Stripe.SetupIntent = {
    ...si,
    status: 'requires_payment_method',
    payment_method: null,
    next_action: null,
    last_setup_error: {
      type: 'invalid_request_error',
      code: 'setup_intent_authentication_failure',
      doc_url: docUrl('setup_intent_authentication_failure'),
      message:
        'The latest attempt to set up the payment method has failed because authentication failed. Provide a new payment method to attempt to set up again.',
      payment_method: pm,
    },
  };
  emu.store.update(failed);
  emitEvent(emu, req, 'setup_intent.setup_failed', failed);
  return failed;
}

/** Cancels an unfinished SetupIntent (`setup_intent.canceled`). */
export function cancelSetupIntent(
  emu: Emu,
  req: RequestCtx,
  si: Stripe.SetupIntent,
  reason: Stripe.SetupIntent.CancellationReason | null,
): Stripe.SetupIntent {
  if (si.status === 'succeeded' || si.status === 'canceled') {
    throw unexpectedState(
      `You cannot cancel this SetupIntent because it has a status of ${si.status}.`,
      'setup_intent_unexpected_state',
    );
  }
  const canceled = { ...si, status: 'canceled' as const, cancellation_reason: reason, next_action: null };
  return saveChange(emu, req, 'setup_intent.canceled', si, canceled);
}

const CreateParams = z.strictObject({
  ...zExpand,
  automatic_payment_methods: z.strictObject({ enabled: zBool }).optional(),
  confirm: zBool.optional(),
  customer: zId.optional(),
  description: z.string().optional(),
  metadata: zMetadata.optional(),
  payment_method: zId.optional(),
  payment_method_types: zList(zEnum(['card'] as const)).optional(),
  return_url: z.string().optional(),
  usage: zEnum(['off_session', 'on_session'] as const).optional(),
});
const ConfirmParams = z.strictObject({
  ...zExpand,
  payment_method: zId.optional(),
  return_url: z.string().optional(),
});
const CancelParams = z.strictObject({
  ...zExpand,
  cancellation_reason: zEnum(['abandoned', 'duplicate', 'requested_by_customer'] as const).optional(),
});
const ListParams = z.strictObject({ ...zListShape, created: zRange.optional(), customer: zId.optional() });

export function registerSetupIntents(api: ApiRouter): void {
  api.post('/v1/setup_intents', CreateParams, (params, { emu, req }) => {
    const si = createSetupIntent(emu, req, {
      customer: params.customer ?? null,
      description: params.description ?? null,
      metadata: params.metadata ?? null,
      ...(params.usage ? { usage: params.usage } : {}),
    });
    if (params.confirm) {
      return confirmSetupIntent(emu, req, si.id, {
        paymentMethod: params.payment_method,
        returnUrl: params.return_url,
      });
    }
    if (!params.payment_method) return si;
    const pm = resolvePaymentMethod(emu, req, params.payment_method, 'payment_method');
    return emu.store.update({ ...si, payment_method: pm.id, status: 'requires_confirmation' });
  });
  api.get('/v1/setup_intents/:id', zRetrieve, (_, { emu, param }) =>
    emu.store.require('setup_intent', param('id')),
  );
  api.post('/v1/setup_intents/:id/confirm', ConfirmParams, (params, { emu, req, param }) =>
    confirmSetupIntent(emu, req, param('id'), {
      paymentMethod: params.payment_method,
      returnUrl: params.return_url,
    }),
  );
  api.post('/v1/setup_intents/:id/cancel', CancelParams, (params, { emu, req, param }) =>
    cancelSetupIntent(
      emu,
      req,
      emu.store.require('setup_intent', param('id')),
      params.cancellation_reason ?? null,
    ),
  );
  api.get('/v1/setup_intents', ListParams, (params, { emu }) =>
    listObjects(emu, 'setup_intent', '/v1/setup_intents', params, matching(params, ['customer'])),
  );
}
