import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../testing/harness.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

async function invitationToken(email: string) {
  const mail = await ctx.db
    .selectFrom('email_outbox')
    .select(['text_body', 'subject'])
    .where('to_address', '=', email)
    .where('template', '=', 'invitation')
    .executeTakeFirstOrThrow();
  return mail.text_body.match(/token=([a-z2-7]+)/)?.[1];
}

describe('team', () => {
  it('invites a colleague who sets a password through the link and signs in as a member', async () => {
    const admin = await ctx.signedIn('alex@northwind.example');
    const invited = await admin.post('/api/account/users', {
      email: 'Sam@Northwind.example',
      name: 'Sam Taylor',
      role: 'customer_member',
    });
    expect(invited.status).toBe(201);
    expect(await invited.json()).toMatchObject({
      user: { email: 'sam@northwind.example', status: 'invited' },
    });

    // An invited user cannot sign in before accepting.
    expect(
      (
        await ctx
          .client()
          .post('/api/auth/sign-in', { email: 'sam@northwind.example', password: 'anything-1234' })
      ).status,
    ).toBe(401);

    const token = await invitationToken('sam@northwind.example');
    const sam = ctx.client();
    const short = await sam.post('/api/auth/invitations/accept', { token, password: 'short' });
    expect(short.status).toBe(400);
    expect(
      (await sam.post('/api/auth/invitations/accept', { token, password: 'a-long-password' })).status,
    ).toBe(200);
    const me = (await (await sam.get('/api/me')).json()) as { user: { role: string } };
    expect(me.user.role).toBe('customer_member');
    // The link works once.
    expect(
      (await ctx.client().post('/api/auth/invitations/accept', { token, password: 'another-password' }))
        .status,
    ).toBe(404);
    // And the member cannot invite.
    const memberInvite = await sam.post('/api/account/users', {
      email: 'x@northwind.example',
      name: 'X',
      role: 'customer_admin',
    });
    expect(memberInvite.status).toBe(403);

    const audit = await ctx.db.selectFrom('audit_events').select(['action', 'actor_label']).execute();
    expect(audit).toContainEqual({ action: 'user.invited', actor_label: 'alex@northwind.example' });
  });

  it('refuses to invite an e-mail that already has access, in any account', async () => {
    const admin = await ctx.signedIn('alex@northwind.example');
    const response = await admin.post('/api/account/users', {
      email: 'li.wei@harbor.example',
      name: 'Li',
      role: 'customer_member',
    });
    expect(response.status).toBe(409);
  });

  it('changes a role and keeps the change in the audit trail', async () => {
    const admin = await ctx.signedIn('alex@northwind.example');
    const response = await admin.put('/api/account/users/usr_morgan/role', { role: 'customer_admin' });
    expect(response.status).toBe(200);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'user.role_changed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json ?? '')).toEqual({ role: 'customer_member' });
    expect(JSON.parse(audit.after_json ?? '')).toEqual({ role: 'customer_admin' });
  });

  it('never removes or demotes the last admin', async () => {
    const admin = await ctx.signedIn('alex@northwind.example');
    const demote = await admin.put('/api/account/users/usr_alex/role', { role: 'customer_member' });
    expect(demote.status).toBe(422);
    const remove = await admin.delete('/api/account/users/usr_alex');
    expect(remove.status).toBe(422);
    expect(await errorCode(remove)).toBe('rule_violated');
  });

  it('removes a user and ends their sessions', async () => {
    const morgan = await ctx.signedIn('morgan@northwind.example');
    const admin = await ctx.signedIn('alex@northwind.example');
    expect((await admin.delete('/api/account/users/usr_morgan')).status).toBe(204);
    expect((await morgan.get('/api/me')).status).toBe(401);
    const users = (await (await admin.get('/api/account/users')).json()) as { users: { email: string }[] };
    expect(users.users.map((u) => u.email)).toEqual(['alex@northwind.example']);
  });
});
