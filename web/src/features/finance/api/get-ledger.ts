// GET /api/finance/ledger (finance): payments, refunds and disputes with filters, totals per currency, and
// keyset pages ("Load more"); the CSV address of the same selection.

import type { TLedgerKind } from '@portal/shared/schemas/finance';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';
import { financeKeys } from './keys';

export type LedgerFilters = {
  from: string;
  to: string;
  kind: 'all' | TLedgerKind;
  status: string;
  currency: string;
  q: string;
};

export const EMPTY_LEDGER_FILTERS: LedgerFilters = {
  from: '',
  to: '',
  kind: 'all',
  status: '',
  currency: '',
  q: '',
};

function toQuery(filters: LedgerFilters): Record<string, string> {
  const query: Record<string, string> = { kind: filters.kind };
  for (const key of ['from', 'to', 'status', 'currency', 'q'] as const) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  return query;
}

export async function getLedger(filters: LedgerFilters, cursor: string | null) {
  const query = { ...toQuery(filters), limit: '50', ...(cursor ? { cursor } : {}) };
  return (await unwrap(api.finance.ledger.$get({ query }))).ledger;
}

export function getLedgerQueryOptions(filters: LedgerFilters) {
  return infiniteQueryOptions({
    queryKey: [...financeKeys.ledger, filters],
    queryFn: ({ pageParam }) => getLedger(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useLedger(filters: LedgerFilters) {
  return useInfiniteQuery(getLedgerQueryOptions(filters));
}

export function ledgerCsvUrl(filters: LedgerFilters): string {
  return `${config.apiBaseUrl}/finance/ledger.csv?${new URLSearchParams({ ...toQuery(filters), bom: '1' })}`;
}
