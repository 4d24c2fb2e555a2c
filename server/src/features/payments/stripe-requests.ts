// What every Stripe request payments makes shares: the digest of its parameters (part of its idempotency key),
// whether Stripe refused it outright, and the one error type a failed call becomes.

import { createHash } from 'node:crypto';
import { AppError } from '../../platform/http/errors.ts';
import { StripeErrors } from '../../platform/stripe/client.ts';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** A short digest of a request's parameters (key order does not matter), part of its idempotency key. */
export function requestHash(params: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(params)))
    .digest('hex')
    .slice(0, 16);
}

/** Stripe refused the request itself, so nothing was created under its key. */
export function isDefiniteRefusal(error: unknown): boolean {
  return (
    error instanceof StripeErrors.StripeInvalidRequestError ||
    error instanceof StripeErrors.StripeIdempotencyError ||
    error instanceof StripeErrors.StripePermissionError ||
    error instanceof StripeErrors.StripeAuthenticationError
  );
}

/** The failure of a Stripe call as the one error type; the detail is logged, never shown. */
export function providerError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof StripeErrors.StripeIdempotencyError) {
    return new AppError(
      'conflict',
      'This payment is being prepared in another window. Try again in a moment.',
      {
        internalDetail: error,
      },
    );
  }
  return new AppError(
    'payment_provider_error',
    'The payment service did not answer as expected. Nothing was charged; please try again.',
    { internalDetail: error },
  );
}
