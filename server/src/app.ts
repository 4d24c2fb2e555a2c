// The composition of the HTTP app: cross-cutting middleware, then each feature's router under /api.
// `AppType` (the API's type) is what the web app's typed client is built from.

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { createAccountRoutes } from './accounts/routes.ts';
import { sessionMiddleware } from './auth/middleware.ts';
import { createAuthRoutes } from './auth/routes.ts';
import {
  createAutoRenewRoutes,
  createAutoRenewSubscriptionRoutes,
  createRenewalOpsRoutes,
} from './auto-renew/routes.ts';
import { createClockRoutes } from './clock-ops/routes.ts';
import { createFinanceRoutes } from './finance/routes.ts';
import { clientIp } from './http/client-ip.ts';
import type { AppDeps, AppEnv } from './http/context.ts';
import { originCheck } from './http/csrf.ts';
import { createErrorHandler } from './http/error-handler.ts';
import { AppError } from './http/errors.ts';
import { createHealthRoutes } from './http/health-routes.ts';
import { mountWebApp } from './http/static.ts';
import { createBillingSettingsRoutes } from './invoices/ops-routes.ts';
import { createInvoiceRoutes } from './invoices/routes.ts';
import { createMailboxRoutes } from './notifications/routes.ts';
import { createOffersApi } from './offers/routes.ts';
import { createBillingDetailsRoutes } from './payments/billing-routes.ts';
import { createCheckoutStatusRoutes, createQuoteCheckoutRoutes } from './payments/checkout-routes.ts';
import { createWebhookRoutes } from './payments/webhook-routes.ts';
import { createPipelineRoutes } from './pipeline/routes.ts';
import { createChurnFeedbackRoutes, createRetentionOpsRoutes } from './retention/routes.ts';
import { createSubscriptionRoutes } from './subscriptions/routes.ts';
import { createValueReportOpsRoutes } from './value-reports/ops-routes.ts';
import { createValueReportRoutes } from './value-reports/routes.ts';
import { createUsageRoutes } from './value-reports/usage-routes.ts';

/** Paths under /api that do not use the session cookie and so need no Origin check. */
const COOKIELESS_PREFIXES = ['/api/webhooks/', '/api/v1/'];
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function createApi(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route('/', createHealthRoutes(deps))
    .route('/', createAuthRoutes(deps))
    .route('/account', createAccountRoutes(deps))
    .route('/subscriptions', createSubscriptionRoutes(deps))
    .route('/subscriptions', createAutoRenewSubscriptionRoutes(deps))
    .route('/auto-renew', createAutoRenewRoutes(deps))
    .route('/ops/renewals', createRenewalOpsRoutes(deps))
    .route('/ops/clock', createClockRoutes(deps))
    .route('/ops/mailbox', createMailboxRoutes(deps))
    .route('/', createOffersApi(deps))
    .route('/subscriptions', createValueReportRoutes(deps))
    .route('/v1', createUsageRoutes(deps))
    .route('/ops', createValueReportOpsRoutes(deps))
    .route('/ops', createPipelineRoutes(deps))
    .route('/finance', createFinanceRoutes(deps))
    .route('/account/billing', createBillingDetailsRoutes(deps))
    .route('/quotes', createQuoteCheckoutRoutes(deps))
    .route('/checkout', createCheckoutStatusRoutes(deps))
    .route('/invoices', createInvoiceRoutes(deps))
    .route('/ops/billing-settings', createBillingSettingsRoutes(deps))
    .route('/webhooks', createWebhookRoutes(deps))
    .route('/subscriptions', createChurnFeedbackRoutes(deps))
    .route('/retention', createRetentionOpsRoutes(deps));
}

export type AppType = ReturnType<typeof createApi>;

export function createApp(deps: AppDeps, options: { webDistPath?: string } = {}) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(deps.logger));
  app.use('*', requestId());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
      },
      strictTransportSecurity: deps.config.isSecureCookie ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );
  app.use('/api/*', clientIp({ trustedProxies: deps.config.trustedProxies }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', 'The request body is too large.');
      },
    }),
  );
  app.use(
    '/api/*',
    originCheck({ allowedOrigins: deps.config.allowedOrigins, exemptPrefixes: COOKIELESS_PREFIXES }),
  );
  app.use('/api/*', async (c, next) => {
    if (COOKIELESS_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) {
      c.set('auth', null);
      return next();
    }
    return sessionMiddleware(deps)(c, next);
  });
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.route('/api', createApi(deps));
  app.all('/api/*', () => {
    throw new AppError('not_found', 'No such API route.');
  });
  if (options.webDistPath) mountWebApp(app, options.webDistPath);
  return app;
}
