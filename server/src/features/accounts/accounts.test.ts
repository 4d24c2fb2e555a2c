import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, errorCode, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

const invitationToken = (email: string) => ctx.latestToken(email, 'invitation');
const STRONG = 'amber-lantern-quietly-73';

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
    expect((await sam.post('/api/auth/invitations/accept', { token, password: STRONG })).status).toBe(200);
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

  // Issue 11 item 4 (behaviour changed on purpose: this answered 409 and so told who uses the portal).
  it('answers an invitation of an address in use elsewhere exactly like any other; the invitee meets the conflict', async () => {
    const admin = await ctx.signedIn('alex@northwind.example');
    const invite = (email: string) =>
      admin.post('/api/account/users', { email, name: 'Li', role: 'customer_member' });
    const elsewhere = await invite('li.wei@harbor.example');
    const staff = await invite('ops@vendor.example');
    const unknown = await invite('new.person@northwind.example');
    expect([elsewhere.status, staff.status, unknown.status]).toEqual([201, 201, 201]);
    const shape = async (r: Response) => {
      const body = (await r.json()) as { user: Record<string, unknown> };
      return Object.keys(body.user).sort().join() + String(body.user.status);
    };
    const expected = await shape(unknown);
    expect(await shape(elsewhere)).toBe(expected);
    expect(await shape(staff)).toBe(expected);
    // Accepting as the invitee: the address already has access, so no second user is made.
    const token = invitationToken('li.wei@harbor.example');
    const accept = await ctx.client().post('/api/auth/invitations/accept', { token, password: STRONG });
    expect(accept.status).toBe(409);
    const li = await ctx.db
      .selectFrom('users')
      .select('account_id')
      .where('email', '=', 'li.wei@harbor.example')
      .execute();
    expect(li).toEqual([{ account_id: 'acct_harbor' }]);
    // A member of this very account is still reported (the admin sees the list anyway).
    expect((await invite('morgan@northwind.example')).status).toBe(409);
  });

  it('never lets a signed-in staff session accept an invitation, even with the token', async () => {
    const admin = await ctx.signedIn('alex@northwind.example');
    await admin.post('/api/account/users', {
      email: 'kim@northwind.example',
      name: 'Kim',
      role: 'customer_admin',
    });
    const token = invitationToken('kim@northwind.example');
    const ops = await ctx.signedIn('ops@vendor.example');
    const response = await ops.post('/api/auth/invitations/accept', { token, password: STRONG });
    expect(response.status).toBe(409);
    const me = (await (await ops.get('/api/me')).json()) as { user: { role: string } };
    expect(me.user.role).toBe('ops');
    // The invitation is still there for the invitee.
    expect(
      (await ctx.client().post('/api/auth/invitations/accept', { token, password: STRONG })).status,
    ).toBe(200);
  });

  it('refuses a common or pattern password at sign-up with a clear field error, before creating anyone', async () => {
    const admin = await ctx.signedIn('alex@northwind.example');
    await admin.post('/api/account/users', {
      email: 'pat@northwind.example',
      name: 'Pat',
      role: 'customer_member',
    });
    const token = invitationToken('pat@northwind.example');
    for (const password of ['password123456', 'qwertyuiop12', 'pat@northwind.example1']) {
      const weak = await ctx.client().post('/api/auth/invitations/accept', { token, password });
      expect(weak.status).toBe(400);
      const body = (await weak.json()) as { error: { fields: Record<string, string> } };
      expect(body.error.fields.password).toBe('weak_password');
    }
    expect(
      (await ctx.client().post('/api/auth/invitations/accept', { token, password: STRONG })).status,
    ).toBe(200);
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
