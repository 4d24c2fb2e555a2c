// Stripe's error shape (`{ error: { type, code, message, param, ... } }`) and the constructors the resources use.
import type Stripe from 'stripe';

export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'rate_limit_error';

export type StripeErrorBody = {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Stripe.PaymentIntent;
  payment_method?: Stripe.PaymentMethod;
  setup_intent?: Stripe.SetupIntent;
};

/**
 * An error reply. `keepChanges` marks errors raised after state was legitimately written (a declined
 * card leaves a failed charge and an updated PaymentIntent behind): the transaction commits anyway.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly keepChanges = false,
  ) {
    super(body.message);
  }
}

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

export function invalidRequest(
  message: string,
  options: { param?: string; code?: string; status?: number } = {},
): StripeApiError {
  const { param, code, status = 400 } = options;
  return new StripeApiError(status, {
    type: 'invalid_request_error',
    message,
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    ...(param ? { param } : {}),
  });
}

/** 404 `resource_missing`, worded like Stripe ("No such customer: 'cus_123'"). */
export function resourceMissing(noun: string, id: string, param = 'id'): StripeApiError {
  return invalidRequest(`No such ${noun}: '${id}'`, { param, code: 'resource_missing', status: 404 });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { param, code: 'parameter_missing' });
}

export function unexpectedState(message: string, code: string): StripeApiError {
  return invalidRequest(message, { code });
}

export function errorResponseBody(error: StripeApiError): { error: StripeErrorBody } {
  return { error: error.body };
}
