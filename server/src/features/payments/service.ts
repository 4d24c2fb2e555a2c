// The payments feature's public face (decision 015): what other features may use of the payable attempts, the
// Stripe customer and convergence, and the hooks payments announces. Other features import this file only.

export { claimTermForCharge, retireOpenCheckouts } from './attempts.ts';
export { closeAttemptByKey } from './attempts-repo.ts';
export { syncPaymentIntent } from './converge.ts';
export { ensureStripeCustomer } from './customers.ts';
export type { QuotePaid, RequestMeta } from './hooks.ts';
export { refundableMinor, refundUnusedTime } from './refund-unused.ts';
export { providerError, requestHash } from './stripe-requests.ts';
