// GET /api/ops/imports/:id/rows: one page of the rows with what the dry run says (and the apply did).

import type { TOutcome } from '@portal/shared/schemas/imports';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { importKeys } from './keys';

export const ROWS_PAGE_SIZE = 50;

export function useImportRows(
  id: string,
  filter: { outcome: TOutcome | null; page: number },
  version: string,
) {
  return useQuery({
    // `version` (the import's state and progress) refreshes the page as the dry run or apply moves on.
    queryKey: [...importKeys.rows(id, filter), version],
    queryFn: () =>
      unwrap(
        api.ops.imports[':id'].rows.$get({
          param: { id },
          query: {
            page: String(filter.page),
            pageSize: String(ROWS_PAGE_SIZE),
            ...(filter.outcome ? { outcome: filter.outcome } : {}),
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
