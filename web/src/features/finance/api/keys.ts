// The finance feature's query keys, hierarchical: everything under ['finance'] is finance data, so one
// mutation (a resolution, a finished sync) can refresh what it changed and nothing else.

export const financeKeys = {
  all: ['finance'] as const,
  reconciliation: ['finance', 'reconciliation'] as const,
  exceptions: ['finance', 'exceptions'] as const,
  ledger: ['finance', 'ledger'] as const,
  payments: ['finance', 'payments'] as const,
  payouts: ['finance', 'payouts'] as const,
  monthEnd: ['finance', 'month-end'] as const,
  kpis: ['finance', 'kpis'] as const,
  sync: ['finance', 'sync'] as const,
};
