import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import type { AppEnv } from './context.ts';
import { createErrorHandler } from './error-handler.ts';
import { createLoadShedder } from './load-shedding.ts';

/** An app whose /api/slow requests wait until released, behind a shedder of `maxInFlight`. */
function appWithShedder(maxInFlight: number) {
  const shedder = createLoadShedder({ maxInFlight, retryAfterSeconds: 2, exemptPaths: ['/api/health'] });
  const waiting: (() => void)[] = [];
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(createLogger('silent')));
  app.use('/api/*', shedder.middleware);
  app.get('/api/slow', async (c) => {
    await new Promise<void>((resolve) => waiting.push(resolve));
    return c.json({ ok: true });
  });
  app.get('/api/health', (c) => c.json({ ok: true }));
  const releaseAll = () => {
    for (const release of waiting.splice(0)) release();
  };
  return { app, shedder, releaseAll, waitingCount: () => waiting.length };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('load shedding', () => {
  it('answers 503 with Retry-After past the limit, and serves again once requests finish', async () => {
    const { app, shedder, releaseAll, waitingCount } = appWithShedder(2);
    const first = app.request('/api/slow');
    const second = app.request('/api/slow');
    await until(() => waitingCount() === 2);
    expect(shedder.inFlight).toBe(2);

    const refused = await app.request('/api/slow');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('overloaded');
    expect(shedder.shed).toBe(1);

    releaseAll();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(shedder.inFlight).toBe(0);

    const again = app.request('/api/slow');
    await until(() => waitingCount() === 1);
    releaseAll();
    expect((await again).status).toBe(200);
  });

  it('never sheds the health check', async () => {
    const { app, releaseAll, waitingCount } = appWithShedder(1);
    const busy = app.request('/api/slow');
    await until(() => waitingCount() === 1);
    expect((await app.request('/api/health')).status).toBe(200);
    releaseAll();
    await busy;
  });

  it('counts a request that failed as finished', async () => {
    const shedder = createLoadShedder({ maxInFlight: 1, retryAfterSeconds: 1 });
    const app = new Hono<AppEnv>();
    app.onError(createErrorHandler(createLogger('silent')));
    app.use('*', shedder.middleware);
    app.get('/boom', () => {
      throw new Error('boom');
    });
    expect((await app.request('/boom')).status).toBe(500);
    expect(shedder.inFlight).toBe(0);
    expect((await app.request('/boom')).status).toBe(500);
  });
});
