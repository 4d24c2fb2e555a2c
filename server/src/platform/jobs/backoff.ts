// The one backoff of the portal: exponential with jitter, for a call a rate-limited API refused (Stripe's 429)
// and for a queued job that failed. Generic: the caller says what a rate-limit error is. Pacing (how many
// calls a second) is the Stripe rate budget's (platform/stripe/rate-budget.ts), shared by every process.

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const BACKOFF = { baseMs: 1_000, maxMs: 60_000, maxRetries: 8 } as const;

/** Attempt 1 waits between ½ and 1 s, then up to 2 s, 4 s, … capped at a minute (half fixed, half jitter). */
export function backoffDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export type RetryOptions = {
  isRateLimited: (error: unknown) => boolean;
  /** Retries after the first attempt. */
  maxRetries?: number;
  sleep?: Sleep;
  /** Called before each wait (e.g. count it, or tell the shared budget to pause every caller). */
  onRetry?: (attempt: number, delayMs: number) => void | Promise<void>;
};

/** Calls `fn`; a rate-limit error is retried after the backoff delay, then thrown once retries are spent. */
export async function retryWhenRateLimited<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const maxRetries = options.maxRetries ?? BACKOFF.maxRetries;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!options.isRateLimited(error) || attempt > maxRetries) throw error;
      const delay = backoffDelay(attempt);
      await options.onRetry?.(attempt, delay);
      await sleep(delay);
    }
  }
}
