// Stripe's rate limit as the finance sync meets it (DESIGN.md §7): what a 429 looks like through the SDK, and
// the backoff between attempts of a paged listing. The pacer itself is the shared one (jobs/pace.ts); the
// listing retries here because an attempt resumes from its committed cursor, so the count of attempts starts
// again whenever a page gets through (a long backfill may meet many 429s and still finish).

/** Is this Stripe's "too many requests" (the SDK's StripeRateLimitError, or any error with status 429)? */
export function isRateLimited(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, type } = error as { statusCode?: unknown; type?: unknown };
  return statusCode === 429 || type === 'StripeRateLimitError';
}

export const BACKOFF = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 8 } as const;

/** Exponential backoff with full jitter: attempt 1 waits up to 1 s, then 2 s, 4 s, … capped at a minute. */
export function backoffDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
