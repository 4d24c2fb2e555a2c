import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

it('shows ops the captured e-mail, filtered by recipient, and the message itself', async () => {
  await ctx.client().post('/api/auth/magic-link', { email: 'alex@northwind.example' });
  await ctx.client().post('/api/auth/magic-link', { email: 'li.wei@harbor.example' });
  const ops = await ctx.signedIn('ops@vendor.example');
  const list = (await (await ops.get('/api/ops/mailbox?to=li.wei@harbor.example')).json()) as {
    emails: { id: string; to: string; status: string; subject: string }[];
  };
  expect(list.emails).toHaveLength(1);
  expect(list.emails[0]).toMatchObject({
    to: 'li.wei@harbor.example',
    status: 'captured',
    subject: '您的登录链接',
  });
  const message = (await (await ops.get(`/api/ops/mailbox/${list.emails[0]?.id}`)).json()) as {
    email: { text: string };
  };
  // Issue 11 item 1: ops never see a sign-in link (this asserted the link was shown).
  expect(message.email.text).not.toContain('token=');
  expect(message.email.text).toContain('链接仅发送给收件人');
  expect((await ops.get('/api/ops/mailbox/eml_missing')).status).toBe(404);
});

it('is for ops only', async () => {
  for (const email of ['alex@northwind.example', 'finance@vendor.example']) {
    const client = await ctx.signedIn(email);
    expect((await client.get('/api/ops/mailbox')).status).toBe(403);
  }
  expect((await ctx.client().get('/api/ops/mailbox')).status).toBe(401);
});
