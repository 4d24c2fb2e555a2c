// Every client-side path in one place, and where each role starts.

import type { TRole } from '@portal/shared/schemas/auth';

export const paths = {
  home: '/',
  signIn: '/sign-in',
  magicLink: '/sign-in/magic',
  acceptInvitation: '/invitations/accept',
  subscription: (id: string) => `/subscriptions/${encodeURIComponent(id)}`,
  offers: (id: string) => `/subscriptions/${encodeURIComponent(id)}/offers`,
  quote: (id: string) => `/quotes/${encodeURIComponent(id)}`,
  valueReport: (id: string, term?: 'previous') =>
    `/subscriptions/${encodeURIComponent(id)}/value-report${term ? `?term=${term}` : ''}`,
  team: '/team',
  invoices: '/invoices',
  invoice: (id: string) => `/invoices/${encodeURIComponent(id)}`,
  billing: '/billing',
  checkoutSuccess: '/checkout/success',
  finance: '/finance',
  financeLedger: '/finance/ledger',
  financePayment: (id: string) => `/finance/payments/${encodeURIComponent(id)}`,
  financePayouts: '/finance/payouts',
  financePayout: (id: string) => `/finance/payouts/${encodeURIComponent(id)}`,
  financeMonthEnd: '/finance/month-end',
  financeKpis: '/finance/kpis',
  ops: '/ops',
  opsPipeline: '/ops/pipeline',
  autoRenew: (id: string) => `/subscriptions/${encodeURIComponent(id)}/auto-renew`,
  autoRenewOff: '/auto-renew/off',
  opsRenewals: '/ops/renewals',
  opsMailbox: '/ops/mailbox',
  opsMailboxMessage: (id: string) => `/ops/mailbox/${encodeURIComponent(id)}`,
  opsApiKeys: '/ops/api-keys',
  opsPricing: '/ops/pricing',
  opsImports: '/ops/imports',
  opsWebhooks: '/ops/webhooks',
  opsWebhook: (id: string) => `/ops/webhooks/${encodeURIComponent(id)}`,
} as const;

export function homePathFor(role: TRole): string {
  switch (role) {
    case 'customer_admin':
    case 'customer_member':
      return paths.home;
    case 'finance':
      return paths.finance;
    case 'ops':
      return paths.ops;
    default: {
      const unreachable: never = role;
      return unreachable;
    }
  }
}

const REDIRECT_PARAM = 'redirectTo';

/** The sign-in page, remembering where the user wanted to go. */
export function signInPath(redirectTo?: string): string {
  if (!redirectTo || redirectTo === paths.home || redirectTo.startsWith(paths.signIn)) return paths.signIn;
  return `${paths.signIn}?${new URLSearchParams({ [REDIRECT_PARAM]: redirectTo })}`;
}

/** The remembered target from a sign-in URL, only when it is a path inside this app (no open redirect). */
export function redirectTargetFrom(search: URLSearchParams): string | null {
  const target = search.get(REDIRECT_PARAM);
  if (!target?.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return null;
  return target;
}
