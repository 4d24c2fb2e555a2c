// The emulator's shared state handed to every resource: store, clock, public URL, webhooks, logger.
import { StripeApiError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Store } from './store.ts';
import type { WebhookDispatcher } from './webhooks.ts';

/** The API version the emulator's objects follow (the pinned version of stripe-node 23). */
export const API_VERSION = '2026-10-28.endive';

export type { Logger } from './logger.ts';

/** Identifies the API request that caused a change; copied into each event's `request`. */
export type RequestCtx = { requestId: string | null; idempotencyKey: string | null };

/** For changes not caused by an API request (hosted pages, test helpers, time passing). */
export const AUTOMATIC: RequestCtx = { requestId: null, idempotencyKey: null };

export type Emu = {
  store: Store;
  /** Current time in unix seconds, from the injected clock. */
  now(): number;
  /** Base URL a browser uses to reach the emulator (hosted pages). */
  publicUrl: string;
  webhooks: WebhookDispatcher;
  logger: Logger;
};

/**
 * Runs `fn` in one SQLite transaction. A `StripeApiError` with `keepChanges` still commits (the
 * failed charge must persist) and is rethrown afterwards; any other error rolls back. Webhook
 * deliveries recorded by the transaction start after it commits.
 */
export function transact<T>(emu: Emu, fn: () => T): T {
  let kept: StripeApiError | undefined;
  try {
    const result = emu.store.transaction(() => {
      try {
        return fn();
      } catch (error) {
        if (error instanceof StripeApiError && error.keepChanges) {
          kept = error;
          return undefined;
        }
        throw error;
      }
    });
    if (kept) throw kept;
    return result as T;
  } finally {
    emu.webhooks.kick();
  }
}
