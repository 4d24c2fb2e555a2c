// The composition of the HTTP app: cross-cutting middleware, then each feature's router under /api.
// `AppType` (the API's type) is what the web app's typed client is built from.

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { createAccountRoutes } from './features/accounts/routes.ts';
import { createAccountSessionRoutes } from './features/accounts/session-routes.ts';
import { createApiKeyOpsRoutes } from './features/api-keys/routes.ts';
import { sessionMiddleware } from './features/auth/middleware.ts';
import { createAuthRoutes } from './features/auth/routes.ts';
import {
  createAutoRenewRoutes,
  createAutoRenewSubscriptionRoutes,
  createRenewalOpsRoutes,
} from './features/auto-renew/routes.ts';
import { createClockRoutes } from './features/clock-ops/routes.ts';
import { demoClockRefresher } from './features/clock-ops/service.ts';
import { createFinanceRoutes } from './features/finance/routes.ts';
import { createImportRoutes, IMPORT_UPLOAD_PATH } from './features/imports/routes.ts';
import { createBillingSettingsRoutes } from './features/invoices/ops-routes.ts';
import { createInvoiceRoutes } from './features/invoices/routes.ts';
import { createOffersApi } from './features/offers/routes.ts';
import { createOpsWorkspaceRoutes } from './features/ops-workspace/routes.ts';
import { readOnlyWhileViewingAs } from './features/ops-workspace/view-as.ts';
import { createBillingDetailsRoutes } from './features/payments/billing-routes.ts';
import {
  createCheckoutStatusRoutes,
  createQuoteCheckoutRoutes,
} from './features/payments/checkout-routes.ts';
import { createWebhookRoutes } from './features/payments/webhook-routes.ts';
import { createPipelineRoutes } from './features/pipeline/routes.ts';
import { createChurnFeedbackRoutes, createRetentionOpsRoutes } from './features/retention/routes.ts';
import { createSubscriptionRoutes } from './features/subscriptions/routes.ts';
import { createValueReportOpsRoutes } from './features/value-reports/ops-routes.ts';
import { createValueReportRoutes } from './features/value-reports/routes.ts';
import { createUsageRoutes } from './features/value-reports/usage-routes.ts';
import { createVendorApiRoutes } from './features/vendor-api/routes.ts';
import { createEventFeedRoutes } from './features/webhooks/feed-routes.ts';
import { createWebhookOpsRoutes } from './features/webhooks/routes.ts';
import { clientIp } from './platform/http/client-ip.ts';
import type { AppDeps, AppEnv } from './platform/http/context.ts';
import { originCheck } from './platform/http/csrf.ts';
import { createErrorHandler } from './platform/http/error-handler.ts';
import { AppError } from './platform/http/errors.ts';
import { createHealthRoutes } from './platform/http/health-routes.ts';
import { createLoadShedder } from './platform/http/load-shedding.ts';
import { presetHeaders, securityHeaderList } from './platform/http/response-headers.ts';
import { mountWebApp } from './platform/http/static.ts';
import { createTurnBudget } from './platform/http/turn-budget.ts';
import { createMailboxRoutes } from './platform/notifications/routes.ts';

/** Paths under /api that do not use the session cookie and so need no Origin check. */
const COOKIELESS_PREFIXES = ['/api/webhooks/', '/api/v1/'];
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function createApi(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route('/', createHealthRoutes(deps))
    .route('/', createAuthRoutes(deps))
    .route('/', createAccountSessionRoutes(deps))
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
    .route('/v1', createVendorApiRoutes(deps))
    .route('/ops', createValueReportOpsRoutes(deps))
    .route('/ops', createApiKeyOpsRoutes(deps))
    .route('/ops', createPipelineRoutes(deps))
    .route('/finance', createFinanceRoutes(deps))
    .route('/account/billing', createBillingDetailsRoutes(deps))
    .route('/quotes', createQuoteCheckoutRoutes(deps))
    .route('/checkout', createCheckoutStatusRoutes(deps))
    .route('/invoices', createInvoiceRoutes(deps))
    .route('/ops/billing-settings', createBillingSettingsRoutes(deps))
    .route('/webhooks', createWebhookRoutes(deps))
    .route('/subscriptions', createChurnFeedbackRoutes(deps))
    .route('/retention', createRetentionOpsRoutes(deps))
    .route('/ops/imports', createImportRoutes(deps))
    .route('/ops/webhooks', createWebhookOpsRoutes(deps))
    .route('/v1', createEventFeedRoutes(deps))
    .route('/ops', createOpsWorkspaceRoutes(deps));
}

export type AppType = ReturnType<typeof createApi>;

const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  baseUri: ["'self'"],
};
/** Methods whose requests carry no body: the body limit has nothing to read (and reading costs). */
const BODILESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `refreshesDemoClock`: each request first reads the demo clock's offset from the database (at most once a
 * second), so every instance serves the date ops set on any of them (main.ts; tests move their own clock).
 */
export function createApp(
  deps: AppDeps,
  options: {
    webDistPath?: string;
    refreshesDemoClock?: boolean;
    /** Whether the turn budget applies now (main.ts: while new connections arrive); default always. */
    turnBudgetEngaged?: () => boolean;
  } = {},
) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(deps.logger));
  // First: a request refused for load costs as little as possible (platform/http/load-shedding.ts).
  const shedder = createLoadShedder({
    maxInFlight: deps.config.maxInFlightRequests,
    retryAfterSeconds: 1,
    exemptPaths: ['/api/health'],
  });
  app.use('/api/*', shedder.middleware);
  // Then: while new connections arrive, each event-loop turn gets a budget of handler time (turn-budget.ts).
  const turnBudget = createTurnBudget({
    budgetMs: deps.config.turnBudgetMs,
    ...(options.turnBudgetEngaged ? { engaged: options.turnBudgetEngaged } : {}),
  });
  app.use('/api/*', (c, next) => (c.req.path === '/api/health' ? next() : turnBudget.middleware(c, next)));
  if (options.refreshesDemoClock) app.use('/api/*', demoClockRefresher(deps));
  app.use('*', requestId());
  // Headers set before the handler, never after (platform/http/response-headers.ts).
  const securityHeaders = securityHeaderList({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    strictTransportSecurity: deps.config.isSecureCookie ? 'max-age=31536000; includeSubDomains' : false,
  });
  app.use('/api/*', presetHeaders([...securityHeaders, ['Cache-Control', 'no-store']]));
  const setSecurityHeaders = presetHeaders(securityHeaders);
  app.use('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : setSecurityHeaders(c, next)));
  app.use('/api/*', clientIp({ trustedProxies: deps.config.trustedProxies }));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large', 'The request body is too large.');
    },
  });
  // The CSV import upload has its own, larger limit (features/imports/routes.ts).
  const hasOwnLimit = (method: string, path: string) => method === 'POST' && path === IMPORT_UPLOAD_PATH;
  app.use('/api/*', (c, next) =>
    BODILESS_METHODS.has(c.req.method) || hasOwnLimit(c.req.method, c.req.path) ? next() : limitBody(c, next),
  );
  app.use(
    '/api/*',
    originCheck({ allowedOrigins: deps.config.allowedOrigins, exemptPrefixes: COOKIELESS_PREFIXES }),
  );
  const loadSession = sessionMiddleware(deps);
  app.use('/api/*', async (c, next) => {
    if (COOKIELESS_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) {
      c.set('auth', null);
      return next();
    }
    return loadSession(c, next);
  });
  // "View as customer" is read-only: every request but a read (or ending the view) is refused (decision 021).
  app.use('/api/*', readOnlyWhileViewingAs());
  app.route('/api', createApi(deps));
  app.all('/api/*', () => {
    throw new AppError('not_found', 'No such API route.');
  });
  if (options.webDistPath) mountWebApp(app, options.webDistPath);
  return app;
}
