// GET /api/subscriptions/:id/value-report[?term=previous]: the term's value report (404 when the
// subscription is not the account's, or has no earlier term).

import type { TValueReportTerm } from '@portal/shared/schemas/value-reports';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';

/** Below the subscription's own key, so that refreshing a subscription refreshes its reports too. */
export function valueReportQueryKey(id: string, term: TValueReportTerm) {
  return ['subscriptions', id, 'value-report', term] as const;
}

export async function getValueReport(id: string, term: TValueReportTerm) {
  return (await unwrap(api.subscriptions[':id']['value-report'].$get({ param: { id }, query: { term } })))
    .report;
}

export function getValueReportQueryOptions(id: string, term: TValueReportTerm) {
  return queryOptions({
    queryKey: valueReportQueryKey(id, term),
    queryFn: () => getValueReport(id, term),
    staleTime: 5 * 60_000,
  });
}

export function useValueReport(id: string, term: TValueReportTerm) {
  return useQuery(getValueReportQueryOptions(id, term));
}

/** Where the browser downloads the report as an A4 PDF made on the server, in the reader's language. */
export function valueReportPdfUrl(id: string, term: TValueReportTerm, lang: string): string {
  const query = new URLSearchParams({ term, lang });
  return `${config.apiBaseUrl}/subscriptions/${encodeURIComponent(id)}/value-report/pdf?${query}`;
}
