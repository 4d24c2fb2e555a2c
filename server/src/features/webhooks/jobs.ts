// The webhooks' jobs, registered by main.ts on the job engine: the sequencer pass (positions new events,
// creates their deliveries, queues what is due, including deliveries whose sender died), each delivery as a
// one-off job keyed by its id, and the daily subscription.expired check.

import type { AppDeps } from '../../platform/http/context.ts';
import type { JobEngine } from '../../platform/jobs/engine.ts';
import { queueDueDeliveries, sendDelivery, WEBHOOK_DELIVERY_JOB } from './delivery.ts';
import { recordExpiredTerms } from './expiries.ts';
import { positionAllNewEvents } from './sequencer.ts';

export const WEBHOOK_DISPATCH_JOB = 'webhooks-dispatch';
const DISPATCH_EVERY_MS = 2_000;

export async function dispatchEvents(deps: AppDeps) {
  const pass = await positionAllNewEvents(deps);
  return { ...pass, queued: await queueDueDeliveries(deps) };
}

export function registerWebhookJobs(jobs: JobEngine, deps: AppDeps): void {
  jobs.schedule({
    name: WEBHOOK_DISPATCH_JOB,
    schedule: { every: DISPATCH_EVERY_MS },
    run: () => dispatchEvents(deps),
  });
  jobs.define<{ deliveryId: string }>({
    name: WEBHOOK_DELIVERY_JOB,
    run: ({ deliveryId }) => sendDelivery(deps, deliveryId),
  });
  jobs.schedule({
    name: 'subscription-expiries',
    // An hour after the renewal run, so a term it renews today is not seen as ended.
    schedule: { dailyAt: Math.min(23, deps.config.renewals.runHour + 1) },
    run: (today) => recordExpiredTerms(deps, today),
  });
}
