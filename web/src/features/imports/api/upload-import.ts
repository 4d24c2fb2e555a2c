// POST /api/ops/imports?kind=…&fileName=…: the file itself as the body (text/csv), streamed by the browser, so
// a 100,000-row file is not read into the page's memory. Then POST /api/ops/imports/:id/apply.

import type { TImport, TImportKind } from '@portal/shared/schemas/imports';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClientResponse } from 'hono/client';
import { config } from '@/config';
import { api, unwrap } from '@/lib/api-client';
import { importKeys } from './keys';

export async function uploadImport(input: { kind: TImportKind; file: File }): Promise<TImport> {
  const query = new URLSearchParams({ kind: input.kind, fileName: input.file.name || 'import.csv' });
  const response = fetch(`${config.apiBaseUrl}/ops/imports?${query}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'text/csv' },
    body: input.file,
  }) as Promise<ClientResponse<{ import: TImport }, 201, 'json'>>;
  return (await unwrap(response)).import;
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSuccess: (created) => {
      queryClient.setQueryData(importKeys.one(created.id), created);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}

export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      (await unwrap(api.ops.imports[':id'].apply.$post({ param: { id } }))).import,
    onSuccess: (updated) => {
      queryClient.setQueryData(importKeys.one(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}
