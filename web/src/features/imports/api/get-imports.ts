// GET /api/ops/imports (the history) and GET /api/ops/imports/:id (one import, polled while it works), and the
// addresses of the templates and of an import's errors CSV.

import type { TImport, TImportKind } from '@portal/shared/schemas/imports';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';
import { importKeys } from './keys';

export const isWorking = (item: TImport) => item.state === 'checking' || item.state === 'applying';

export function getImportsQueryOptions() {
  return queryOptions({
    queryKey: importKeys.list(),
    queryFn: async () => (await unwrap(api.ops.imports.$get())).imports,
    refetchInterval: (query) => (query.state.data?.some(isWorking) ? 2_000 : false),
  });
}

export function useImports() {
  return useQuery(getImportsQueryOptions());
}

/** One import; polled every second while its dry run or apply works (the progress bar). */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: importKeys.one(id ?? ''),
    queryFn: async () => (await unwrap(api.ops.imports[':id'].$get({ param: { id: id ?? '' } }))).import,
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && isWorking(query.state.data) ? 1_000 : false),
  });
}

export const templateUrl = (kind: TImportKind) =>
  `${config.apiBaseUrl}/ops/imports/templates/${encodeURIComponent(kind)}`;

export const errorsCsvUrl = (id: string) =>
  `${config.apiBaseUrl}/ops/imports/${encodeURIComponent(id)}/errors.csv`;
