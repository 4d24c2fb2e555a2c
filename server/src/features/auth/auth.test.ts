import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';
import { emailDelayMs, MAX_IP_FAILURES, MAX_PAIR_FAILURES } from './limits.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const ALEX = 'alex@northwind.example';

describe('sign-in', () => {
  it('signs in with the right pair and sets a safe session cookie', async () => {
    const client = ctx.client();
    const response = await client.post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^portal_session=[a-z2-7]{32};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      user: { email: ALEX, role: 'customer_admin' },
      account: { name: 'Northwind Traders', currency: 'USD' },
    });
  });

  it('accepts the e-mail in any case and with spaces', async () => {
    const response = await ctx
      .client()
      .post('/api/auth/sign-in', { email: '  Alex@Northwind.EXAMPLE ', password: 'renew-demo' });
    expect(response.status).toBe(200);
  });

  it('marks the cookie Secure when the portal is served over https', async () => {
    const secure = await createTestContext({ env: { PUBLIC_URL: 'https://portal.example' } });
    try {
      const client = secure.client();
      const response = await client.request('/api/auth/sign-in', {
        method: 'POST',
        json: { email: ALEX, password: 'renew-demo' },
        origin: 'https://portal.example',
      });
      expect(response.headers.get('set-cookie')).toMatch(/Secure/);
    } finally {
      await secure.dispose();
    }
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    const wrong = await ctx.client().post('/api/auth/sign-in', { email: ALEX, password: 'not-it' });
    const unknown = await ctx
      .client()
      .post('/api/auth/sign-in', { email: 'nobody@northwind.example', password: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('rejects malformed input with field errors', async () => {
    const response = await ctx.client().post('/api/auth/sign-in', { email: 'not-an-email', password: '' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'password']);
  });

  // Issue 11 item 9 changed this: the hard limit is per e-mail-and-address pair and per address, so a
  // stranger elsewhere cannot lock the owner out (the e-mail alone is only slowed down).
  it('allows 5 failures per e-mail from one address in 15 minutes, then answers 429 there even to the right password', async () => {
    const client = ctx.client();
    for (let i = 0; i < MAX_PAIR_FAILURES; i++) {
      expect((await client.post('/api/auth/sign-in', { email: ALEX, password: `wrong-${i}` })).status).toBe(
        401,
      );
    }
    const blocked = await client.post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    ctx.clock.set('2026-11-23T12:15:01.000Z');
    expect((await client.post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' })).status).toBe(
      200,
    );
  });

  it('never lets a stranger lock the owner out: failures from other addresses only slow the e-mail down', async () => {
    for (let i = 0; i < MAX_PAIR_FAILURES + 2; i++) {
      const stranger = ctx.client();
      stranger.ip = `198.51.100.${i + 20}`;
      expect((await stranger.post('/api/auth/sign-in', { email: ALEX, password: `guess-${i}` })).status).toBe(
        401,
      );
    }
    const owner = ctx.client();
    owner.ip = '192.0.2.44';
    expect((await owner.post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' })).status).toBe(200);
    expect(emailDelayMs(MAX_PAIR_FAILURES - 1)).toBe(0);
    expect(emailDelayMs(MAX_PAIR_FAILURES + 2)).toBeGreaterThan(0);
    expect(emailDelayMs(1000)).toBeLessThanOrEqual(4000);
  });

  it('limits failures per IP across different e-mails', async () => {
    const client = ctx.client();
    for (let i = 0; i < MAX_IP_FAILURES; i++) {
      await client.post('/api/auth/sign-in', { email: `guess${i}@northwind.example`, password: 'x' });
    }
    expect((await client.post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' })).status).toBe(
      429,
    );
    const elsewhere = ctx.client();
    elsewhere.ip = '198.51.100.8';
    expect((await elsewhere.post('/api/auth/sign-in', { email: ALEX, password: 'renew-demo' })).status).toBe(
      200,
    );
  });
});

describe('sessions', () => {
  it('expires a session that is not used and refuses it afterwards', async () => {
    const client = await ctx.signedIn(ALEX);
    ctx.clock.set('2026-12-08T12:00:00.000Z'); // 15 days later, TTL is 14
    const response = await client.get('/api/me');
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('unauthenticated');
  });

  it('extends a session that is used', async () => {
    const client = await ctx.signedIn(ALEX);
    ctx.clock.set('2026-12-01T12:00:00.000Z'); // 8 days in: more than half of the 14 used
    const refreshed = await client.get('/api/me');
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('set-cookie')).toMatch(/Expires=Tue, 15 Dec 2026/);
    ctx.clock.set('2026-12-12T12:00:00.000Z'); // past the first expiry, within the extended one
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('ends the session on sign-out', async () => {
    const client = await ctx.signedIn(ALEX);
    const cookie = client.cookie;
    expect((await client.post('/api/auth/sign-out')).status).toBe(204);
    const replay = ctx.client();
    replay.cookie = cookie;
    expect((await replay.get('/api/me')).status).toBe(401);
  });

  it('answers 401 to a made-up cookie', async () => {
    const client = ctx.client();
    client.cookie = 'portal_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    expect((await client.get('/api/subscriptions')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request from another origin or with none', async () => {
    const client = await ctx.signedIn(ALEX);
    const foreign = await client.request('/api/subscriptions/sub_nw_sales/auto-renew', {
      method: 'PUT',
      json: { enabled: false },
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(await errorCode(foreign)).toBe('csrf_failed');
    const missing = await client.request('/api/auth/sign-out', { method: 'POST', origin: null });
    expect(missing.status).toBe(403);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('accepts a same-origin request without Origin when the browser says so', async () => {
    const client = await ctx.signedIn(ALEX);
    const response = await client.request('/api/auth/sign-out', {
      method: 'POST',
      origin: null,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(response.status).toBe(204);
  });
});

describe('magic links', () => {
  const latestLinkToken = async (email: string) => ctx.latestToken(email, 'magic_link');

  it('answers 202 whether or not the e-mail is known, and mails only known users', async () => {
    expect((await ctx.client().post('/api/auth/magic-link', { email: 'nobody@example.com' })).status).toBe(
      202,
    );
    expect((await ctx.client().post('/api/auth/magic-link', { email: ALEX })).status).toBe(202);
    const rows = await ctx.db.selectFrom('email_outbox').select(['to_address', 'status']).execute();
    expect(rows).toEqual([{ to_address: ALEX, status: 'captured' }]);
  });

  it('signs in once with the link, never twice, and not after 15 minutes', async () => {
    await ctx.client().post('/api/auth/magic-link', { email: ALEX });
    const token = await latestLinkToken(ALEX);
    expect(token).toBeDefined();
    const stored = await ctx.db.selectFrom('auth_tokens').select('id').execute();
    expect(stored.map((t) => t.id)).not.toContain(token);
    const client = ctx.client();
    expect((await client.post('/api/auth/magic-link/verify', { token })).status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await ctx.client().post('/api/auth/magic-link/verify', { token })).status).toBe(401);

    ctx.clock.set('2026-11-23T12:01:00.000Z');
    await ctx.client().post('/api/auth/magic-link', { email: ALEX });
    const late = await latestLinkToken(ALEX);
    expect(late).not.toBe(token);
    ctx.clock.set('2026-11-23T12:16:01.000Z');
    expect((await ctx.client().post('/api/auth/magic-link/verify', { token: late })).status).toBe(401);
  });
});
