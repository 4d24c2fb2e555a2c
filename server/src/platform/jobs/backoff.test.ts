import { describe, expect, it } from 'vitest';
import { backoffDelay, retryWhenRateLimited } from './backoff.ts';

const rateLimited = Object.assign(new Error('slow down'), { statusCode: 429 });
const isRateLimited = (e: unknown) => (e as { statusCode?: number }).statusCode === 429;

describe('backoffDelay', () => {
  it('doubles up to a minute, half of it jitter', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1_000);
    expect(backoffDelay(3, () => 1)).toBe(4_000);
    expect(backoffDelay(20, () => 1)).toBe(60_000);
  });
});

describe('retryWhenRateLimited', () => {
  it('retries a rate-limited call with growing waits, then succeeds', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await retryWhenRateLimited(
      async () => {
        calls++;
        if (calls < 3) throw rateLimited;
        return 'ok';
      },
      { isRateLimited, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThanOrEqual(1_000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(1_000);
  });

  it('throws other errors at once and gives up after the last retry', async () => {
    let calls = 0;
    await expect(
      retryWhenRateLimited(
        async () => {
          calls++;
          throw new Error('declined');
        },
        { isRateLimited, sleep: async () => {} },
      ),
    ).rejects.toThrow('declined');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryWhenRateLimited(
        async () => {
          calls++;
          throw rateLimited;
        },
        { isRateLimited, maxRetries: 2, sleep: async () => {} },
      ),
    ).rejects.toBe(rateLimited);
    expect(calls).toBe(3);
  });
});
