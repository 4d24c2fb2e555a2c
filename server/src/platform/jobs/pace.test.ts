import { describe, expect, it } from 'vitest';
import { createPacer, retryWhenRateLimited } from './pace.ts';

describe('createPacer', () => {
  it('spaces calls under the rate after a one-second burst', async () => {
    let t = 0;
    const sleeps: number[] = [];
    const pacer = createPacer(10, {
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
    });
    for (let i = 0; i < 30; i++) await pacer.take();
    // 10 at once, then 20 more at 10/s: two seconds.
    expect(t).toBeGreaterThanOrEqual(2000);
    expect(t).toBeLessThan(2100);
    expect(sleeps.every((ms) => ms <= 100)).toBe(true);
  });

  it('does not wait without a limit', async () => {
    const pacer = createPacer(0);
    for (let i = 0; i < 1000; i++) await pacer.take();
  });
});

describe('retryWhenRateLimited', () => {
  const rateLimited = Object.assign(new Error('Too many requests'), { statusCode: 429 });
  const isRateLimited = (e: unknown) => (e as { statusCode?: number }).statusCode === 429;

  it('retries 429 with growing delays, then succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryWhenRateLimited(
      async () => {
        calls++;
        if (calls < 4) throw rateLimited;
        return 'ok';
      },
      { isRateLimited, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe('ok');
    expect(delays).toHaveLength(3);
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    expect(delays[2]).toBeGreaterThan(delays[1] ?? 0);
  });

  it('gives up after the last retry and never retries other errors', async () => {
    await expect(
      retryWhenRateLimited(async () => Promise.reject(rateLimited), {
        isRateLimited,
        maxRetries: 2,
        sleep: async () => {},
      }),
    ).rejects.toBe(rateLimited);
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
  });
});
