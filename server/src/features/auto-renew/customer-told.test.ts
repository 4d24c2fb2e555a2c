// Issue 10 item 4: whenever an announced renewal will not happen as announced, the customer is told, not only
// ops. Here the charge itself cannot go ahead when the run comes back to it (the renewal needs attention):
// the admins and the billing address get the "will not renew as announced" e-mail, once, with ops' alert.

import { afterEach, describe, expect, it } from 'vitest';
import { outbox, renewalOf, runAt, SALES, saveCard, turnOn } from '../../testing/auto-renew.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
afterEach(async () => {
  await ctx.dispose();
});

describe('a renewal that needs attention at charge time', () => {
  it('tells the admins and the billing address, in their language, once, besides ops', async () => {
    ctx = await createTestContext();
    await ctx.db
      .updateTable('accounts')
      .set({ locale: 'zh-CN' })
      .where('id', '=', 'acct_northwind')
      .execute();
    const alex = await ctx.signedIn('alex@northwind.example');
    await saveCard(ctx, alex, SALES);
    await turnOn(alex, SALES, 1);
    await runAt(ctx, '2026-12-27T03:00:00.000Z');
    await runAt(ctx, '2027-01-19T03:00:00.000Z');
    // The run dies after recording the charge; meanwhile the quote is gone and only less was agreed.
    const killed = {
      afterClaim: (key: string) => {
        if (key.startsWith('charge:')) throw new Error('killed');
      },
    };
    await runAt(ctx, '2027-01-26T03:00:00.000Z', { hooks: killed });
    await ctx.db
      .updateTable('auto_renewals')
      .set({ quote_id: null, honoured_total_minor: 1 })
      .where('subscription_id', '=', SALES)
      .where('state', '=', 'charging')
      .execute();

    await runAt(ctx, '2027-01-26T03:20:00.000Z');
    expect((await renewalOf(ctx, SALES)).state).toBe('needs_attention');
    const told = await outbox(ctx, { template: 'auto_renew_held' });
    expect(told.map((e) => e.to_address).sort()).toEqual(['alex@northwind.example', 'ap@northwind.example']);
    for (const email of told) {
      expect(email.locale).toBe('zh-CN');
      expect(email.subject).toContain('不会按通知自动续订');
    }
    expect(await outbox(ctx, { template: 'ops_alert' })).not.toHaveLength(0);
    // Looked at again, nothing more is sent.
    await runAt(ctx, '2027-01-27T03:00:00.000Z');
    expect(await outbox(ctx, { template: 'auto_renew_held' })).toHaveLength(told.length);
  });
});
