// The signed-in frame: the account in the header, navigation by role, the language switch (saved on the
// user) and sign-out.

import type { TRole } from '@portal/shared/schemas/auth';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { RootHydrateFallback } from '@/app/routes/root';
import { AppShell, type NavItem } from '@/components/layouts/app-shell';
import { Button } from '@/components/ui/button';
import { LanguageSelect } from '@/components/ui/language-select';
import { useMe } from '@/features/auth/api/get-me';
import { useSignOut } from '@/features/auth/api/sign-out';
import { useUpdateLocale } from '@/features/auth/api/update-locale';
import { ViewAsBanner } from '@/features/ops-workspace/components/view-as-banner';
import { changeLocale } from '@/lib/i18n';
import { homePathFor, paths } from '@/lib/paths';

/** The catalogues the navigation's labels come from, per role (each loads on first use). A customer's are in
 * the main catalogue, so the dashboard's first load fetches no other. */
const NAV_NAMESPACES = {
  customer_admin: ['translation'],
  customer_member: ['translation'],
  finance: ['translation', 'finance'],
  ops: [
    'translation',
    'opsWorkspace',
    'pipeline',
    'autoRenew',
    'valueReports',
    'catalog',
    'imports',
    'webhooks',
  ],
} as const satisfies Record<TRole, readonly string[]>;

function useNavItems(role: TRole): NavItem[] {
  const { t } = useTranslation(NAV_NAMESPACES[role]);
  const { pathname } = useLocation();
  switch (role) {
    case 'customer_admin':
    case 'customer_member':
      return [
        {
          to: paths.home,
          label: t('nav.subscriptions'),
          isActive: pathname === paths.home || pathname.startsWith('/subscriptions/'),
        },
        {
          to: paths.invoices,
          label: t('nav.invoices'),
          isActive: pathname.startsWith(paths.invoices) || pathname.startsWith('/checkout/'),
        },
        {
          to: paths.billing,
          label: t('nav.billing'),
          isActive: pathname.startsWith(paths.billing),
        },
        { to: paths.team, label: t('nav.team'), isActive: pathname.startsWith(paths.team) },
      ];
    case 'finance':
      return [
        {
          to: paths.finance,
          label: t('nav.reconciliation', { ns: 'finance' }),
          isActive: pathname === paths.finance,
        },
        {
          to: paths.financeLedger,
          label: t('nav.ledger', { ns: 'finance' }),
          isActive: pathname.startsWith(paths.financeLedger) || pathname.startsWith('/finance/payments/'),
        },
        {
          to: paths.financePayouts,
          label: t('nav.payouts', { ns: 'finance' }),
          isActive: pathname.startsWith(paths.financePayouts),
        },
        {
          to: paths.financeMonthEnd,
          label: t('nav.monthEnd', { ns: 'finance' }),
          isActive: pathname.startsWith(paths.financeMonthEnd),
        },
        {
          to: paths.financeKpis,
          label: t('nav.kpis', { ns: 'finance' }),
          isActive: pathname.startsWith(paths.financeKpis),
        },
      ];
    case 'ops':
      return [
        { to: paths.ops, label: t('nav.ops'), isActive: pathname === paths.ops },
        {
          to: paths.opsAccounts,
          label: t('nav.accounts', { ns: 'opsWorkspace' }),
          isActive: pathname.startsWith(paths.opsAccounts),
        },
        {
          to: paths.opsPipeline,
          label: t('title', { ns: 'pipeline' }),
          isActive: pathname.startsWith(paths.opsPipeline),
        },
        {
          to: paths.opsRenewals,
          label: t('ops.nav', { ns: 'autoRenew' }),
          isActive: pathname.startsWith(paths.opsRenewals),
        },
        {
          to: paths.opsMailbox,
          label: t('mailbox.nav', { ns: 'autoRenew' }),
          isActive: pathname.startsWith(paths.opsMailbox),
        },
        {
          to: paths.opsApiKeys,
          label: t('apiKeys.title', { ns: 'valueReports' }),
          isActive: pathname.startsWith(paths.opsApiKeys),
        },
        {
          to: paths.opsPricing,
          label: t('nav', { ns: 'catalog' }),
          isActive: pathname.startsWith(paths.opsPricing),
        },
        {
          to: paths.opsImports,
          label: t('title', { ns: 'imports' }),
          isActive: pathname.startsWith(paths.opsImports),
        },
        {
          to: paths.opsWebhooks,
          label: t('nav', { ns: 'webhooks' }),
          isActive: pathname.startsWith(paths.opsWebhooks),
        },
        {
          to: paths.opsAudit,
          label: t('nav.audit', { ns: 'opsWorkspace' }),
          isActive: pathname.startsWith(paths.opsAudit),
        },
      ];
    default: {
      const unreachable: never = role;
      return unreachable;
    }
  }
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const updateLocale = useUpdateLocale();
  const signOut = useSignOut({
    onSignedOut: () => Promise.resolve(navigate(paths.signIn, { replace: true })),
  });
  const navItems = useNavItems(me.user.role);

  return (
    <AppShell
      productName={t('app.name')}
      homePath={homePathFor(me.user.role)}
      accountName={me.account?.name ?? t('app.vendorStaff')}
      userName={me.user.name}
      skipLabel={t('app.skipToContent')}
      navLabel={t('app.mainNav')}
      menuLabel={t('app.menu')}
      navItems={navItems}
      isBusy={navigation.state === 'loading'}
      tools={
        <>
          <LanguageSelect
            onChange={(locale) => {
              void changeLocale(locale);
              updateLocale.mutate(locale);
            }}
          />
          <Button variant="ghost" size="sm" isLoading={signOut.isPending} onClick={() => signOut.mutate()}>
            {t('app.signOut')}
          </Button>
        </>
      }
    >
      {/* A page whose words are not loaded yet waits here, inside the frame. */}
      <Suspense fallback={<RootHydrateFallback />}>
        {me.viewAs ? <ViewAsBanner viewAs={me.viewAs} accountName={me.account?.name ?? ''} /> : null}
        <Outlet />
      </Suspense>
    </AppShell>
  );
}
