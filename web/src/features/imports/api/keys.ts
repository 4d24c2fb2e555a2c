// The imports feature's query keys: the history, one import, one import's rows.

import type { TOutcome } from '@portal/shared/schemas/imports';

export const importKeys = {
  all: ['ops', 'imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
  one: (id: string) => [...importKeys.all, 'one', id] as const,
  rows: (id: string, filter: { outcome: TOutcome | null; page: number }) =>
    [...importKeys.all, 'one', id, 'rows', filter] as const,
};
