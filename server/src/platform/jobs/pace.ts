// Pacing for bulk calls to a rate-limited API (Stripe: about 25 requests/s per endpoint by default): a token
// bucket that spaces calls under a rate, and retries of a rate-limited (429) call with exponential backoff and
// jitter. Generic: the caller says what a rate-limit error is.

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export type Pacer = { take(): Promise<void> };

/** At most `ratePerSecond` calls a second (bursts up to one second's worth); 0 or Infinity: no limit. */
export function createPacer(
  ratePerSecond: number,
  options: { now?: () => number; sleep?: Sleep } = {},
): Pacer {
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) return { take: async () => {} };
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  const capacity = Math.max(1, ratePerSecond);
  let tokens = capacity;
  let last = now();
  let queue: Promise<void> = Promise.resolve();
  const takeOne = async () => {
    for (;;) {
      const current = now();
      tokens = Math.min(capacity, tokens + ((current - last) / 1000) * ratePerSecond);
      last = current;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - tokens) / ratePerSecond) * 1000));
    }
  };
  return {
    take() {
      // Callers queue, so concurrent takers are served in order and never overdraw the bucket.
      const next = queue.then(takeOne);
      queue = next.catch(() => {});
      return next;
    },
  };
}

export type RetryOptions = {
  isRateLimited: (error: unknown) => boolean;
  /** Retries after the first attempt. */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: Sleep;
  onRetry?: (attempt: number, delayMs: number) => void;
};

/** Calls `fn`; a rate-limit error is retried after 1 s, 2 s, 4 s … (±20 %), then thrown. */
export async function retryWhenRateLimited<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const maxRetries = options.maxRetries ?? 6;
  const base = options.baseDelayMs ?? 1_000;
  const cap = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!options.isRateLimited(error) || attempt >= maxRetries) throw error;
      const delay = Math.min(cap, base * 2 ** attempt) * (0.8 + Math.random() * 0.4);
      options.onRetry?.(attempt + 1, Math.round(delay));
      await sleep(delay);
    }
  }
}
