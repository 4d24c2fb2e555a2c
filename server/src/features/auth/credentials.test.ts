// Issue 11 item 1: no staff role can obtain another user's credential. Sign-in and invitation links reach
// only their recipient: the ops mailbox shows those e-mails with the link replaced by a note, the
// link-bearing body is kept only until SMTP delivery, and without SMTP it goes to the local inbox (console).

import { afterEach, describe, expect, it } from 'vitest';
import { deliverDueEmails } from '../../platform/notifications/delivery.ts';
import { createLocalInbox } from '../../platform/notifications/local-inbox.ts';
import { createSmtpMailer } from '../../platform/notifications/mailer.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { startTestSmtpServer } from '../../testing/smtp.ts';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.dispose();
  ctx = undefined;
});

type MailboxList = { emails: { id: string; to: string; template: string }[] };

async function everythingOpsCanRead(context: TestContext): Promise<string> {
  const ops = await context.signedIn('ops@vendor.example');
  const list = (await (await ops.get('/api/ops/mailbox?limit=100')).json()) as MailboxList;
  const bodies = await Promise.all(
    list.emails.map(async (e) => JSON.stringify(await (await ops.get(`/api/ops/mailbox/${e.id}`)).json())),
  );
  return JSON.stringify(list) + bodies.join('\n');
}

describe('credentials never reach staff', () => {
  it('ops cannot read a magic link for finance or a customer admin, and cannot sign in as them', async () => {
    ctx = await createTestContext();
    for (const email of ['finance@vendor.example', 'alex@northwind.example']) {
      await ctx.client().post('/api/auth/magic-link', { email });
    }
    const seen = await everythingOpsCanRead(ctx);
    expect(seen).toContain('finance@vendor.example');
    expect(seen).not.toMatch(/token=/);
    for (const email of ['finance@vendor.example', 'alex@northwind.example']) {
      const token = ctx.latestToken(email, 'magic_link');
      expect(token).toBeDefined();
      expect(seen).not.toContain(token);
    }
    // Nothing in the database holds a usable link either (only hashes of tokens are stored).
    const rows = await ctx.db.selectFrom('email_outbox').selectAll().execute();
    expect(JSON.stringify(rows)).not.toMatch(/token=/);
    // The recipient's own link works.
    const alex = ctx.client();
    const token = ctx.latestToken('alex@northwind.example', 'magic_link');
    expect((await alex.post('/api/auth/magic-link/verify', { token })).status).toBe(200);
  });

  it('ops cannot read an invitation link, so cannot become a customer admin', async () => {
    ctx = await createTestContext();
    const admin = await ctx.signedIn('alex@northwind.example');
    await admin.post('/api/account/users', {
      email: 'new.admin@northwind.example',
      name: 'N',
      role: 'customer_admin',
    });
    const seen = await everythingOpsCanRead(ctx);
    expect(seen).toContain('new.admin@northwind.example');
    expect(seen).not.toMatch(/token=/);
    expect(ctx.latestToken('new.admin@northwind.example', 'invitation')).toBeDefined();
  });

  it('with SMTP, keeps the link-bearing body only until it is sent; ops see the redacted copy throughout', async () => {
    const smtp = await startTestSmtpServer();
    const mailer = createSmtpMailer(smtp.url, { timeoutMs: 5_000 });
    try {
      ctx = await createTestContext({ env: { SMTP_URL: smtp.url } });
      await ctx.client().post('/api/auth/magic-link', { email: 'finance@vendor.example' });
      const before = await ctx.db.selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
      expect(before.private_text_body).toMatch(/token=/);
      expect(before.text_body).not.toMatch(/token=/);
      expect(await everythingOpsCanRead(ctx)).not.toMatch(/token=/);

      await deliverDueEmails(ctx, mailer);
      expect(smtp.received[0]?.raw).toMatch(/token=3D[a-z2-7]+|token=[a-z2-7]+/);
      const after = await ctx.db.selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
      expect(after).toMatchObject({ status: 'sent', private_text_body: null, private_html_body: null });
      expect(JSON.stringify(after)).not.toMatch(/token=/);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it('without SMTP prints the link on the server console outside production, and nowhere in production', () => {
    const lines: string[] = [];
    const warnings: unknown[] = [];
    const message = { to: 'a@b.example', template: 'magic_link', subject: 'S', text: 'token=abc' };
    createLocalInbox({ env: 'development', isDemo: true }, { warn: () => {} }, (l) => lines.push(l))(message);
    expect(lines.join('')).toContain('token=abc');
    createLocalInbox({ env: 'production', isDemo: false }, { warn: (o: unknown) => warnings.push(o) }, (l) =>
      lines.push(l),
    )(message);
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain('token=abc');
  });
});
