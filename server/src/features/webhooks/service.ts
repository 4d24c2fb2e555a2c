// The webhooks feature's public face (decision 015): what other features and the composition root may use.
// Endpoints, deliveries and replays are ops' (routes.ts); the polling feed is the vendor's (feed-routes.ts).

import type { AppDeps } from '../../platform/http/context.ts';
import * as repo from './repo.ts';

export { recordExpiredTerms } from './expiries.ts';
export { dispatchEvents, registerWebhookJobs, WEBHOOK_DISPATCH_JOB } from './jobs.ts';
export { readFeed } from './sequencer.ts';

/** Deliveries that gave up after every retry, across endpoints (the ops landing page's count). */
export async function countFailedDeliveries(deps: AppDeps): Promise<number> {
  return repo.countFailedDeliveries(deps.db);
}
