// Idempotency keys: a POST repeated with the same key and parameters gets the stored response
// replayed; the same key with other parameters is Stripe's 400 `idempotency_error`.

import { StripeApiError } from './errors.ts';
import type { Store } from './store.ts';

/** Stripe forgets keys after 24 hours. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

export type StoredResponse = { status: number; body: string };

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function fingerprint(method: string, path: string, params: unknown): string {
  return `${method} ${path} ${JSON.stringify(canonical(params))}`;
}

export function createIdempotency(store: Store) {
  const select = store.db.prepare<[string, number], { fingerprint: string; status: number; body: string }>(
    'SELECT fingerprint, status, body FROM idempotency WHERE key = ? AND created_ms > ?',
  );
  const upsert = store.db.prepare(
    'INSERT OR REPLACE INTO idempotency (key, fingerprint, status, body, created_ms) VALUES (?, ?, ?, ?, ?)',
  );
  const prune = store.db.prepare('DELETE FROM idempotency WHERE created_ms <= ?');

  return {
    /** The stored response for this key, or undefined; throws when the key was used with other parameters. */
    replay(key: string, print: string): StoredResponse | undefined {
      const row = select.get(key, Date.now() - RETENTION_MS);
      if (!row) return undefined;
      if (row.fingerprint !== print) {
        throw new StripeApiError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      return { status: row.status, body: row.body };
    },
    /** Stores a response that came from executing the endpoint (successes and card errors). */
    save(key: string, print: string, response: StoredResponse): void {
      const now = Date.now();
      prune.run(now - RETENTION_MS);
      upsert.run(key, print, response.status, response.body, now);
    },
  };
}
