// Issue 11 items 6–9: the client address behind proxies, throttled token endpoints and usage API, sessions
// with an absolute lifetime and a __Host- cookie, control characters refused, opt-out link secrets from
// configuration with rotation, and demo clock moves that never revive an expired token.

import { afterEach, describe, expect, it } from 'vitest';
import { resolveClientIp } from '../../platform/http/client-ip.ts';
import { createTestContext, errorCode, TEST_NOW, type TestContext } from '../../testing/harness.ts';
import { createOptOutToken, verifyOptOutToken } from '../auto-renew/links.ts';
import { MAX_TOKEN_FAILURES } from './limits.ts';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.dispose();
  ctx = undefined;
});

const ALEX = 'alex@northwind.example';
const later = (ms: number) => new Date(new Date(TEST_NOW).getTime() + ms).toISOString();
const DAY = 86_400_000;

describe('client address (item 6)', () => {
  it('is the right-most hop the trusted proxies did not add; the client-written left part is ignored', () => {
    // One proxy: it appended the address it saw; whatever the client wrote before is not believed.
    expect(resolveClientIp('10.0.0.1', '1.2.3.4, 203.0.113.9', 1)).toBe('203.0.113.9');
    // Two proxies: the first one's entry is skipped too.
    expect(resolveClientIp('10.0.0.1', '1.2.3.4, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    // No trusted proxy: the socket, and the header is ignored entirely.
    expect(resolveClientIp('198.51.100.3', '1.2.3.4', 0)).toBe('198.51.100.3');
    // Fewer hops than proxies configured: the left-most there is.
    expect(resolveClientIp('10.0.0.1', '203.0.113.9', 3)).toBe('203.0.113.9');
  });

  it('cannot be spoofed to escape the per-address sign-in limit', async () => {
    ctx = await createTestContext();
    for (let i = 0; i < 25; i++) {
      const client = ctx.client();
      client.ip = `${i}.${i}.${i}.${i}, 203.0.113.77`; // a forged left part each time, same real hop
      await client.post('/api/auth/sign-in', { email: `guess${i}@x.example`, password: 'nope' });
    }
    const next = ctx.client();
    next.ip = '9.9.9.9, 203.0.113.77';
    expect((await next.post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' })).status).toBe(429);
  });
});

describe('token endpoints and the usage API are throttled (item 7)', () => {
  it('limits wrong tokens per address on magic-link verify and invitation accept', async () => {
    ctx = await createTestContext();
    for (const path of ['/api/auth/magic-link/verify', '/api/auth/invitations/accept']) {
      const client = ctx.client();
      client.ip = path.includes('magic') ? '198.51.100.50' : '198.51.100.51';
      const body = { token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', password: 'amber-lantern-quietly-73' };
      for (let i = 0; i < MAX_TOKEN_FAILURES; i++) {
        expect((await client.post(path, body)).status, path).not.toBe(429);
      }
      const blocked = await client.post(path, body);
      expect(blocked.status, path).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('checks the invitation token before the password (no hashing for a wrong token)', async () => {
    ctx = await createTestContext();
    const weakWithWrongToken = await ctx.client().post('/api/auth/invitations/accept', {
      token: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      password: 'password1234',
    });
    expect(weakWithWrongToken.status).toBe(404);
  });

  it('limits the usage API per API key', async () => {
    ctx = await createTestContext({ env: { USAGE_REQUESTS_PER_MINUTE: '3' } });
    const ops = await ctx.signedIn('ops@vendor.example');
    const makeKey = async (name: string) =>
      ((await (await ops.post('/api/ops/api-keys', { name })).json()) as { secret: string }).secret;
    const [first, second] = [await makeKey('one'), await makeKey('two')];
    const metrics = (key: string) =>
      ctx?.app.request('/api/v1/metrics', { headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < 3; i++) expect((await metrics(first))?.status).toBe(200);
    expect((await metrics(first))?.status).toBe(429);
    expect((await metrics(second))?.status).toBe(200);
  });
});

describe('sessions (item 8)', () => {
  it('end after the absolute lifetime however active they are', async () => {
    ctx = await createTestContext();
    const client = await ctx.signedIn(ALEX);
    for (let day = 6; day < 30; day += 6) {
      ctx.clock.set(later(day * DAY));
      expect((await client.get('/api/me')).status, `day ${day}`).toBe(200);
    }
    ctx.clock.set(later(30 * DAY + 1000));
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('use a __Host- cookie on https', async () => {
    ctx = await createTestContext({
      env: { PUBLIC_URL: 'https://portal.test', ALLOWED_ORIGINS: 'http://portal.test' },
    });
    const response = await ctx.client().post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-portal_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    // The session works under that name, and signing out clears it.
    const client = ctx.client();
    await client.post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' });
    expect(client.cookie).toMatch(/^__Host-portal_session=/);
    expect((await client.get('/api/me')).status).toBe(200);
    const out = await client.post('/api/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-portal_session=;/);
  });
});

describe('smaller items (item 9)', () => {
  it('refuses control characters, NUL included, in text input', async () => {
    ctx = await createTestContext();
    const admin = await ctx.signedIn(ALEX);
    for (const name of ['Sam\u0000Taylor', 'Sam\u001bTaylor', 'Sam\u007f']) {
      const response = await admin.post('/api/account/users', {
        email: 'sam@northwind.example',
        name,
        role: 'customer_member',
      });
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('validation_failed');
    }
    const invitations = await ctx.db.selectFrom('invitations').selectAll().execute();
    expect(invitations).toEqual([]);
  });

  it('signs opt-out links with the configured secret and keeps old links working through a rotation', async () => {
    ctx = await createTestContext();
    const old = 'old-secret-0123456789-0123456789-abcdef';
    const current = 'new-secret-0123456789-0123456789-abcdef';
    const input = {
      subscriptionId: 'sub_nw_sales',
      validThrough: '2027-01-31' as const,
      now: ctx.clock.now(),
    };
    const at = { today: '2026-12-01' as const, now: ctx.clock.now() };
    const sentBefore = await createOptOutToken(ctx.db, { ...input, secrets: [old] });
    expect(await verifyOptOutToken(ctx.db, sentBefore, { ...at, secrets: [current, old] })).toMatchObject({
      subscriptionId: 'sub_nw_sales',
    });
    const sentAfter = await createOptOutToken(ctx.db, { ...input, secrets: [current, old] });
    expect(await verifyOptOutToken(ctx.db, sentAfter, { ...at, secrets: [current] })).not.toBeNull();
    // The old secret dropped: its links stop working; and every link still expires.
    expect(await verifyOptOutToken(ctx.db, sentBefore, { ...at, secrets: [current] })).toBeNull();
    expect(
      await verifyOptOutToken(ctx.db, sentAfter, { today: '2027-02-01', now: at.now, secrets: [current] }),
    ).toBeNull();
  });

  it('never revives an expired magic link when the demo clock moves back', async () => {
    ctx = await createTestContext();
    ctx.clock.setOffsetMs(365 * DAY); // ops moved the demo a year ahead
    await ctx.client().post('/api/auth/magic-link', { email: ALEX });
    const token = ctx.latestToken(ALEX, 'magic_link');
    ctx.clock.set(later(20 * 60_000)); // 20 real minutes pass: the link has expired
    ctx.clock.setOffsetMs(0); // back to real time: by the demo clock alone it would be valid again
    expect((await ctx.client().post('/api/auth/magic-link/verify', { token })).status).toBe(401);
  });
});
