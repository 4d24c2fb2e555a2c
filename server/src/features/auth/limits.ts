// Throttles for sign-in and every token endpoint, counted in `auth_failures` (key, at) over a 15-minute window.
// Sign-in: a hard limit per address and per e-mail-and-address pair, but only a delay for the e-mail alone,
// so that a stranger who knows an address cannot lock its owner out. Token endpoints (magic-link verify,
// invitation accept): a hard limit of wrong tokens per address, checked before any password hashing.

import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import * as repo from './repo.ts';

export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Wrong e-mail/password pairs from one address for one e-mail. */
export const MAX_PAIR_FAILURES = 5;
/** Wrong pairs from one address, any e-mail (an office behind one NAT shares it). */
export const MAX_IP_FAILURES = 20;
/** Wrong or expired tokens from one address. */
export const MAX_TOKEN_FAILURES = 10;
/** Failures for one e-mail (from anywhere) after which each attempt is slowed down, never refused. */
export const EMAIL_DELAY_AFTER = 5;
const MAX_DELAY_MS = 4_000;

export type Limit = { key: string; max: number };

export const signInLimits = (email: string, ip: string): Limit[] => [
  { key: `pair:${email}|${ip}`, max: MAX_PAIR_FAILURES },
  { key: `ip:${ip}`, max: MAX_IP_FAILURES },
];
export const emailKey = (email: string) => `email:${email}`;
export const tokenLimits = (ip: string): Limit[] => [{ key: `token-ip:${ip}`, max: MAX_TOKEN_FAILURES }];

const windowStart = (now: Date) => new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString();

/** 429 with Retry-After when any of the limits is reached. */
export async function assertUnderLimits(deps: AppDeps, limits: Limit[]): Promise<void> {
  const now = deps.clock.now();
  const counts = await repo.countFailuresSince(
    deps.db,
    limits.map((l) => l.key),
    windowStart(now),
  );
  const blocking = counts.filter((row) => {
    const limit = limits.find((l) => l.key === row.key);
    return limit !== undefined && Number(row.count) >= limit.max;
  });
  if (blocking.length === 0) return;
  const oldest = Math.min(...blocking.map((row) => new Date(String(row.oldest)).getTime()));
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + FAILURE_WINDOW_MS - now.getTime()) / 1000));
  throw new AppError('rate_limited', 'Too many attempts. Try again in a few minutes.', {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

export async function recordFailure(deps: AppDeps, keys: string[]): Promise<void> {
  await repo.insertFailures(deps.db, keys, deps.clock.now().toISOString());
}

/** How long to hold an attempt for an e-mail with `failures` recent failures: 0, then 250 ms doubling to 4 s. */
export function emailDelayMs(failures: number): number {
  if (failures < EMAIL_DELAY_AFTER) return 0;
  return Math.min(MAX_DELAY_MS, 250 * 2 ** (failures - EMAIL_DELAY_AFTER));
}

export async function emailFailureCount(deps: AppDeps, email: string): Promise<number> {
  const rows = await repo.countFailuresSince(deps.db, [emailKey(email)], windowStart(deps.clock.now()));
  return Number(rows[0]?.count ?? 0);
}
