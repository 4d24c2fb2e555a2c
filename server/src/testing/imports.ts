// Helpers for the CSV import tests and `pnpm bench:import`: generated files, the upload, waiting for a state.

import { setTimeout as sleep } from 'node:timers/promises';
import { csvRow } from '@portal/shared/csv';
import type { TImport, TImportKind, TImportState } from '@portal/shared/schemas/imports';
import { getImport } from '../features/imports/service.ts';
import type { AppDeps } from '../platform/http/context.ts';
import type { TestClient } from './harness.ts';

// Countries whose currency the demo catalog prices (a contract without a negotiated price takes the list price).
const COUNTRIES = ['DE', 'FR', 'NL', 'US', 'JP'] as const;
const CURRENCY: Record<(typeof COUNTRIES)[number], string> = {
  DE: 'EUR',
  FR: 'EUR',
  NL: 'EUR',
  US: 'USD',
  JP: 'JPY',
};

/** The i-th generated account, contact and contract, as records (the API's shape). */
export function generatedRecords(i: number, prefix = 'ACC') {
  const country = COUNTRIES[i % COUNTRIES.length] ?? 'DE';
  return {
    account: {
      externalId: `${prefix}-${i}`,
      name: `Customer ${i}`,
      currency: CURRENCY[country],
      country,
      city: 'Springfield',
      billingEmail: `billing${i}@c${i}.example`,
    },
    contact: {
      accountExternalId: `${prefix}-${i}`,
      email: `admin${i}@c${i}.example`,
      name: `Admin ${i}`,
      role: 'customer_admin' as const,
    },
    subscription: {
      externalId: `CTR-${prefix}-${i}`,
      accountExternalId: `${prefix}-${i}`,
      planCode: 'professional',
      seats: 5 + (i % 50),
      termStart: '2026-06-01',
      termEnd: '2027-06-01',
    },
  };
}

/** `n` accounts `<prefix>-1` …, as the accounts template's columns. */
export function accountsCsv(n: number, prefix = 'ACC', start = 1): string {
  let csv = csvRow(['external_id', 'name', 'currency', 'country', 'city', 'billing_email']);
  for (let i = start; i < start + n; i++) {
    const a = generatedRecords(i, prefix).account;
    csv += csvRow([a.externalId, a.name, a.currency, a.country, a.city, a.billingEmail]);
  }
  return csv;
}

/** One contact per account `<prefix>-1` …. */
export function contactsCsv(n: number, prefix = 'ACC'): string {
  let csv = csvRow(['account_external_id', 'email', 'name', 'role']);
  for (let i = 1; i <= n; i++) {
    const c = generatedRecords(i, prefix).contact;
    csv += csvRow([c.accountExternalId, c.email, c.name, c.role]);
  }
  return csv;
}

/** One contract per account `<prefix>-1` …. */
export function subscriptionsCsv(n: number, prefix = 'ACC'): string {
  let csv = csvRow(['external_id', 'account_external_id', 'plan_code', 'seats', 'term_start', 'term_end']);
  for (let i = 1; i <= n; i++) {
    const s = generatedRecords(i, prefix).subscription;
    csv += csvRow([s.externalId, s.accountExternalId, s.planCode, s.seats, s.termStart, s.termEnd]);
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
