// The route table. Public pages (sign-in, magic link, invitation) stand alone; every other page sits in the
// signed-in layout, whose loader sends anyone without a session to sign-in.

import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { ApiKeysRoute } from '@/app/routes/app/api-keys';
import { AutoRenewRoute, autoRenewLoader } from '@/app/routes/app/auto-renew';
import { BillingRoute, billingLoader } from '@/app/routes/app/billing';
import { CheckoutSuccessRoute } from '@/app/routes/app/checkout-success';
import { DashboardRoute, dashboardLoader } from '@/app/routes/app/dashboard';
import { FinanceRoute, financeLoader } from '@/app/routes/app/finance';
import { FinanceLedgerRoute } from '@/app/routes/app/finance-ledger';
import { FinancePaymentRoute, financePaymentLoader } from '@/app/routes/app/finance-payment';
import { FinancePayoutRoute, FinancePayoutsRoute } from '@/app/routes/app/finance-payouts';
import { FinanceKpisRoute, FinanceMonthEndRoute } from '@/app/routes/app/finance-reports';
import { InvoiceRoute, invoiceLoader } from '@/app/routes/app/invoice';
import { InvoicesRoute, invoicesLoader } from '@/app/routes/app/invoices';
import { AppLayout } from '@/app/routes/app/layout';
import { appLayoutLoader } from '@/app/routes/app/loaders';
import { MailboxMessageRoute, MailboxRoute } from '@/app/routes/app/mailbox';
import { OffersRoute, offersLoader } from '@/app/routes/app/offers';
import { OpsRoute } from '@/app/routes/app/ops';
import { PipelineRoute, pipelineLoader } from '@/app/routes/app/pipeline';
import { PricingRoute, pricingLoader } from '@/app/routes/app/pricing';
import { QuoteRoute, quoteLoader } from '@/app/routes/app/quote';
import { RenewalsRoute } from '@/app/routes/app/renewals';
import { SubscriptionRoute, subscriptionLoader } from '@/app/routes/app/subscription';
import { TeamRoute, teamLoader } from '@/app/routes/app/team';
import { ValueReportRoute, valueReportLoader } from '@/app/routes/app/value-report';
import { AcceptInvitationRoute } from '@/app/routes/auth/accept-invitation';
import { AutoRenewOffRoute } from '@/app/routes/auth/auto-renew-off';
import { MagicLinkRoute } from '@/app/routes/auth/magic-link';
import { SignInRoute } from '@/app/routes/auth/sign-in';
import { NotFoundRoute } from '@/app/routes/not-found';
import { Root, RootErrorBoundary, RootHydrateFallback } from '@/app/routes/root';
import { meQueryKey } from '@/features/auth/api/get-me';
import { paths, signInPath } from '@/lib/paths';
import { setUnauthenticatedHandler } from '@/lib/query-client';

const PUBLIC_PREFIXES = [paths.signIn, paths.acceptInvitation, paths.autoRenewOff];

export function createRouter(queryClient: QueryClient) {
  const router = createBrowserRouter([
    {
      path: '/',
      Component: Root,
      ErrorBoundary: RootErrorBoundary,
      HydrateFallback: RootHydrateFallback,
      children: [
        { path: 'sign-in', Component: SignInRoute },
        { path: 'sign-in/magic', Component: MagicLinkRoute },
        { path: 'invitations/accept', Component: AcceptInvitationRoute },
        { path: 'auto-renew/off', Component: AutoRenewOffRoute },
        {
          Component: AppLayout,
          loader: appLayoutLoader(queryClient),
          children: [
            { index: true, Component: DashboardRoute, loader: dashboardLoader(queryClient) },
            {
              path: 'subscriptions/:id',
              Component: SubscriptionRoute,
              loader: subscriptionLoader(queryClient),
            },
            { path: 'subscriptions/:id/offers', Component: OffersRoute, loader: offersLoader(queryClient) },
            {
              path: 'subscriptions/:id/auto-renew',
              Component: AutoRenewRoute,
              loader: autoRenewLoader(queryClient),
            },
            { path: 'ops/renewals', Component: RenewalsRoute },
            { path: 'ops/mailbox', Component: MailboxRoute },
            { path: 'ops/mailbox/:id', Component: MailboxMessageRoute },
            { path: 'quotes/:id', Component: QuoteRoute, loader: quoteLoader(queryClient) },
            { path: 'team', Component: TeamRoute, loader: teamLoader(queryClient) },
            { path: 'invoices', Component: InvoicesRoute, loader: invoicesLoader(queryClient) },
            { path: 'invoices/:id', Component: InvoiceRoute, loader: invoiceLoader(queryClient) },
            { path: 'billing', Component: BillingRoute, loader: billingLoader(queryClient) },
            { path: 'checkout/success', Component: CheckoutSuccessRoute },
            { path: 'finance', Component: FinanceRoute, loader: financeLoader(queryClient) },
            { path: 'finance/ledger', Component: FinanceLedgerRoute },
            {
              path: 'finance/payments/:id',
              Component: FinancePaymentRoute,
              loader: financePaymentLoader(queryClient),
            },
            { path: 'finance/payouts', Component: FinancePayoutsRoute },
            { path: 'finance/payouts/:id', Component: FinancePayoutRoute },
            { path: 'finance/month-end', Component: FinanceMonthEndRoute },
            { path: 'finance/kpis', Component: FinanceKpisRoute },
            { path: 'ops', Component: OpsRoute },
            {
              path: 'subscriptions/:id/value-report',
              Component: ValueReportRoute,
              loader: valueReportLoader(queryClient),
            },
            { path: 'ops/pipeline', Component: PipelineRoute, loader: pipelineLoader(queryClient) },
            { path: 'ops/api-keys', Component: ApiKeysRoute },
            { path: 'ops/pricing', Component: PricingRoute, loader: pricingLoader(queryClient) },
          ],
        },
        { path: '*', Component: NotFoundRoute },
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
