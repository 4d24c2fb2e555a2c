// The route table. Public pages (sign-in, magic link, invitation) stand alone; every other page sits in the
// signed-in layout, whose loader sends anyone without a session to sign-in. Every page is a lazy route: the
// first load carries only the frame and the page asked for; finance, ops, value reports and charts load
// when visited.

import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, type LoaderFunction } from 'react-router';
import { AppLayout } from '@/app/routes/app/layout';
import { appLayoutLoader } from '@/app/routes/app/loaders';
import { Root, RootErrorBoundary, RootHydrateFallback } from '@/app/routes/root';
import { meQueryKey } from '@/features/auth/api/get-me';
import { paths, signInPath } from '@/lib/paths';
import { setUnauthenticatedHandler } from '@/lib/query-client';

const PUBLIC_PREFIXES = [paths.signIn, paths.acceptInvitation, paths.autoRenewOff];

type LoaderFactory = (queryClient: QueryClient) => LoaderFunction;

export function createRouter(queryClient: QueryClient) {
  /** A page loaded on first visit: its module (and the libraries only it uses) is a chunk of its own. */
  function page<TModule>(
    load: () => Promise<TModule>,
    pick: (module: TModule) => [ComponentType, LoaderFactory?],
  ) {
    return async () => {
      const [Component, loader] = pick(await load());
      return loader ? { Component, loader: loader(queryClient) } : { Component };
    };
  }

  const router = createBrowserRouter([
    {
      path: '/',
      Component: Root,
      ErrorBoundary: RootErrorBoundary,
      HydrateFallback: RootHydrateFallback,
      children: [
        {
          path: 'sign-in',
          lazy: page(
            () => import('@/app/routes/auth/sign-in'),
            (m) => [m.SignInRoute, m.signInLoader],
          ),
        },
        {
          path: 'sign-in/magic',
          lazy: page(
            () => import('@/app/routes/auth/magic-link'),
            (m) => [m.MagicLinkRoute],
          ),
        },
        {
          path: 'invitations/accept',
          lazy: page(
            () => import('@/app/routes/auth/accept-invitation'),
            (m) => [m.AcceptInvitationRoute],
          ),
        },
        {
          path: 'auto-renew/off',
          lazy: page(
            () => import('@/app/routes/auth/auto-renew-off'),
            (m) => [m.AutoRenewOffRoute],
          ),
        },
        {
          Component: AppLayout,
          loader: appLayoutLoader(queryClient),
          children: [
            {
              index: true,
              lazy: page(
                () => import('@/app/routes/app/dashboard'),
                (m) => [m.DashboardRoute, m.dashboardLoader],
              ),
            },
            {
              path: 'subscriptions/:id',
              lazy: page(
                () => import('@/app/routes/app/subscription'),
                (m) => [m.SubscriptionRoute, m.subscriptionLoader],
              ),
            },
            {
              path: 'subscriptions/:id/offers',
              lazy: page(
                () => import('@/app/routes/app/offers'),
                (m) => [m.OffersRoute, m.offersLoader],
              ),
            },
            {
              path: 'subscriptions/:id/auto-renew',
              lazy: page(
                () => import('@/app/routes/app/auto-renew'),
                (m) => [m.AutoRenewRoute, m.autoRenewLoader],
              ),
            },
            {
              path: 'ops/renewals',
              lazy: page(
                () => import('@/app/routes/app/renewals'),
                (m) => [m.RenewalsRoute],
              ),
            },
            {
              path: 'ops/imports',
              lazy: page(
                () => import('@/app/routes/app/imports'),
                (m) => [m.ImportsRoute],
              ),
            },
            {
              path: 'ops/mailbox',
              lazy: page(
                () => import('@/app/routes/app/mailbox'),
                (m) => [m.MailboxRoute],
              ),
            },
            {
              path: 'ops/mailbox/:id',
              lazy: page(
                () => import('@/app/routes/app/mailbox'),
                (m) => [m.MailboxMessageRoute],
              ),
            },
            {
              path: 'quotes/:id',
              lazy: page(
                () => import('@/app/routes/app/quote'),
                (m) => [m.QuoteRoute, m.quoteLoader],
              ),
            },
            {
              path: 'team',
              lazy: page(
                () => import('@/app/routes/app/team'),
                (m) => [m.TeamRoute, m.teamLoader],
              ),
            },
            {
              path: 'invoices',
              lazy: page(
                () => import('@/app/routes/app/invoices'),
                (m) => [m.InvoicesRoute, m.invoicesLoader],
              ),
            },
            {
              path: 'invoices/:id',
              lazy: page(
                () => import('@/app/routes/app/invoice'),
                (m) => [m.InvoiceRoute, m.invoiceLoader],
              ),
            },
            {
              path: 'billing',
              lazy: page(
                () => import('@/app/routes/app/billing'),
                (m) => [m.BillingRoute, m.billingLoader],
              ),
            },
            {
              path: 'checkout/success',
              lazy: page(
                () => import('@/app/routes/app/checkout-success'),
                (m) => [m.CheckoutSuccessRoute],
              ),
            },
            {
              path: 'finance',
              lazy: page(
                () => import('@/app/routes/app/finance'),
                (m) => [m.FinanceRoute, m.financeLoader],
              ),
            },
            {
              path: 'finance/ledger',
              lazy: page(
                () => import('@/app/routes/app/finance-ledger'),
                (m) => [m.FinanceLedgerRoute],
              ),
            },
            {
              path: 'finance/payments/:id',
              lazy: page(
                () => import('@/app/routes/app/finance-payment'),
                (m) => [m.FinancePaymentRoute, m.financePaymentLoader],
              ),
            },
            {
              path: 'finance/payouts',
              lazy: page(
                () => import('@/app/routes/app/finance-payouts'),
                (m) => [m.FinancePayoutsRoute],
              ),
            },
            {
              path: 'finance/payouts/:id',
              lazy: page(
                () => import('@/app/routes/app/finance-payouts'),
                (m) => [m.FinancePayoutRoute],
              ),
            },
            {
              path: 'finance/month-end',
              lazy: page(
                () => import('@/app/routes/app/finance-reports'),
                (m) => [m.FinanceMonthEndRoute],
              ),
            },
            {
              path: 'finance/kpis',
              lazy: page(
                () => import('@/app/routes/app/finance-reports'),
                (m) => [m.FinanceKpisRoute],
              ),
            },
            {
              path: 'ops',
              lazy: page(
                () => import('@/app/routes/app/ops'),
                (m) => [m.OpsRoute],
              ),
            },
            {
              path: 'subscriptions/:id/value-report',
              lazy: page(
                () => import('@/app/routes/app/value-report'),
                (m) => [m.ValueReportRoute, m.valueReportLoader],
              ),
            },
            {
              path: 'ops/pipeline',
              lazy: page(
                () => import('@/app/routes/app/pipeline'),
                (m) => [m.PipelineRoute, m.pipelineLoader],
              ),
            },
            {
              path: 'ops/api-keys',
              lazy: page(
                () => import('@/app/routes/app/api-keys'),
                (m) => [m.ApiKeysRoute],
              ),
            },
            {
              path: 'ops/webhooks',
              lazy: page(
                () => import('@/app/routes/app/webhooks'),
                (m) => [m.WebhooksRoute],
              ),
            },
            {
              path: 'ops/webhooks/:id',
              lazy: page(
                () => import('@/app/routes/app/webhook-endpoint'),
                (m) => [m.WebhookEndpointRoute],
              ),
            },
            {
              path: 'ops/pricing',
              lazy: page(
                () => import('@/app/routes/app/pricing'),
                (m) => [m.PricingRoute, m.pricingLoader],
              ),
            },
            // Unknown addresses keep the signed-in frame (someone signed out signs in first, then sees this).
            {
              path: '*',
              lazy: page(
                () => import('@/app/routes/not-found'),
                (m) => [m.NotFoundRoute],
              ),
            },
          ],
        },
      ],
    },
  ]);

  // A session that ends while the app is open (expired, revoked, removed): back to sign-in, then back here.
  setUnauthenticatedHandler(() => {
    const { pathname, search } = router.state.location;
    if (PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return;
    queryClient.removeQueries({ queryKey: meQueryKey });
    void router.navigate(signInPath(pathname + search), { replace: true });
  });

  return router;
}
