// Helpers for the CSV import tests and `pnpm bench:import`: generated files, the upload, waiting for a state.

import { setTimeout as sleep } from 'node:timers/promises';
import { csvRow } from '@portal/shared/csv';
import type { TImport, TImportKind, TImportState } from '@portal/shared/schemas/imports';
import { getImport } from '../features/imports/service.ts';
import type { AppDeps } from '../platform/http/context.ts';
import type { TestClient } from './harness.ts';

const COUNTRIES = ['DE', 'FR', 'GB', 'NL', 'SE'] as const;
const CURRENCY: Record<(typeof COUNTRIES)[number], string> = {
  DE: 'EUR',
  FR: 'EUR',
  GB: 'GBP',
  NL: 'EUR',
  SE: 'SEK',
};

/** `n` accounts `<prefix>-1` …, as the accounts template's columns. */
export function accountsCsv(n: number, prefix = 'ACC', start = 1): string {
  let csv = csvRow(['external_id', 'name', 'currency', 'country', 'city', 'billing_email']);
  for (let i = start; i < start + n; i++) {
    const country = COUNTRIES[i % COUNTRIES.length] ?? 'DE';
    csv += csvRow([
      `${prefix}-${i}`,
      `Customer ${i}`,
      CURRENCY[country],
      country,
      'Springfield',
      `billing${i}@c${i}.example`,
    ]);
  }
  return csv;
}

/** One contact per account `<prefix>-1` …. */
export function contactsCsv(n: number, prefix = 'ACC'): string {
  let csv = csvRow(['account_external_id', 'email', 'name', 'role']);
  for (let i = 1; i <= n; i++)
    csv += csvRow([`${prefix}-${i}`, `admin${i}@c${i}.example`, `Admin ${i}`, 'customer_admin']);
  return csv;
}

/** One contract per account `<prefix>-1` …, on `planCode`. */
export function subscriptionsCsv(n: number, prefix = 'ACC', planCode = 'professional'): string {
  let csv = csvRow(['external_id', 'account_external_id', 'plan_code', 'seats', 'term_start', 'term_end']);
  for (let i = 1; i <= n; i++) {
    csv += csvRow([
      `CTR-${prefix}-${i}`,
      `${prefix}-${i}`,
      planCode,
      5 + (i % 50),
      '2026-06-01',
      '2027-06-01',
    ]);
  }
  return csv;
}

export async function uploadCsv(
  client: TestClient,
  kind: TImportKind,
  body: string | Uint8Array,
  fileName = `${kind}.csv`,
): Promise<Response> {
  return client.request(`/api/ops/imports?kind=${kind}&fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body,
  });
}

/** Polls the import until it is in `state` (or failed: then throws with its error). */
export async function waitForImport(deps: AppDeps, id: string, state: TImportState): Promise<TImport> {
  for (;;) {
    const found = await getImport(deps, id);
    if (found.state === state) return found;
    if (found.state === 'failed') throw new Error(`import failed: ${found.error}`);
    await sleep(20);
  }
}
