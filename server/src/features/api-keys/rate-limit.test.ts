// The usage API's request limit is one limit for all instances (decision 022): counted in the database, so two
// app instances on one database allow the limit once between them, not twice.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createRateLimiter } from '../../platform/http/rate-limit.ts';
import { createLogger } from '../../platform/logger.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { createTestContext, TestClient, type TestContext } from '../../testing/harness.ts';
import { createUsageKey } from '../../testing/value-reports.ts';

const LIMIT = 4;
let ctx: TestContext;
/** A second instance: its own runtime (database connections) and app on the same database. */
let other: Runtime;
beforeEach(async () => {
  ctx = await createTestContext({ env: { USAGE_REQUESTS_PER_MINUTE: String(LIMIT) } });
  other = await createRuntime({ config: ctx.config, clock: ctx.clock, logger: createLogger('silent') });
});
afterEach(async () => {
  await other.close();
  await ctx.dispose();
});

async function refusal(hit: Promise<void>): Promise<AppError | null> {
  try {
    await hit;
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('the shared fixed-window limiter', () => {
  it('counts the hits of both instances against one limit per key and window, then starts afresh', async () => {
    let now = 120_000 + 15_000; // 15 s into a minute window
    const a = createRateLimiter({ db: ctx.db, limit: 3, windowMs: 60_000, now: () => now });
    const b = createRateLimiter({ db: other.db, limit: 3, windowMs: 60_000, now: () => now });
    expect(await refusal(a.hit('key:k1'))).toBeNull();
    expect(await refusal(b.hit('key:k1'))).toBeNull();
    expect(await refusal(a.hit('key:k1'))).toBeNull();
    const refused = await refusal(b.hit('key:k1'));
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.headers).toEqual({ 'Retry-After': '45' });
    // Another key has its own count.
    expect(await refusal(b.hit('key:k2'))).toBeNull();
    // The next window starts afresh, on either instance.
    now = 180_000;
    expect(await refusal(a.hit('key:k1'))).toBeNull();
    expect(await refusal(b.hit('key:k1'))).toBeNull();
  });

  it('counts a hit from an instance whose clock lags into the current window instead of resetting it', async () => {
    let nowA = 240_000;
    const nowB = 239_000; // one second behind: still in the previous window by its own clock
    const a = createRateLimiter({ db: ctx.db, limit: 2, windowMs: 60_000, now: () => nowA });
    const b = createRateLimiter({ db: other.db, limit: 2, windowMs: 60_000, now: () => nowB });
    expect(await refusal(a.hit('key:k1'))).toBeNull();
    expect(await refusal(b.hit('key:k1'))).toBeNull();
    expect((await refusal(a.hit('key:k1')))?.code).toBe('rate_limited');
    nowA = 300_000;
    expect(await refusal(a.hit('key:k1'))).toBeNull();
  });
});

describe('POST /api/v1/usage on two instances', () => {
  it('answers 429 once the two instances together received the limit within a minute', async () => {
    const key = await createUsageKey(ctx);
    const apps = [ctx.app, createApp(other)];
    // Not across a minute's boundary (windows are aligned to real minutes): wait for the next one if close.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const response = await new TestClient(apps[i % 2] ?? ctx.app).request('/api/v1/usage', {
        method: 'POST',
        origin: null,
        headers: { authorization: `Bearer ${key.secret}` },
        json: { records: [] },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, LIMIT).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
  });
});
