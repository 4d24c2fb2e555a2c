// HTTP for Stripe's webhooks (mounted on /webhooks; no cookie, no CSRF check: the signature is the check).

import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { handleStripeWebhook } from './webhooks.ts';

export function createWebhookRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/stripe', async (c) => {
    // The raw body, exactly as signed: read it before anything parses it.
    const rawBody = await c.req.text();
    return c.json(
      await handleStripeWebhook(deps, { rawBody, signature: c.req.header('stripe-signature') ?? null }),
      200,
    );
  });
}
