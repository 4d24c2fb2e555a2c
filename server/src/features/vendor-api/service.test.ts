// applyRecords (issue 13 item 2) against the real database: create, then the same records again change
// nothing, updates are audited and announced, field errors per record, a dry run changes nothing, and
// imported auto-renewal is never consent.

import { MAX_BATCH_RECORDS } from '@portal/shared/schemas/vendor-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { accountRecord, subscriptionRecord } from '../../testing/vendor-records.ts';
import { listSubscriptions } from '../subscriptions/service.ts';
import { applyRecords } from './service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.dispose();
});

const actor = { userId: null, label: 'api-key:rpk_test' };

describe('applyRecords', () => {
  it('creates an account, its contact and its contract, then reports the same batch as unchanged', async () => {
    const batch = {
      accounts: [accountRecord('SVC-1')],
      contacts: [{ accountExternalId: 'SVC-1', email: 'buyer@svc1.example', name: 'Bea Buyer' }],
      subscriptions: [subscriptionRecord('SVC-1-S', 'SVC-1', { autoRenewElsewhere: true })],
    };
    const first = await applyRecords(ctx, actor, batch, { dryRun: false });
    expect(first.map((r) => [r.kind, r.key, r.outcome])).toEqual([
      ['account', 'SVC-1', 'created'],
      ['contact', 'SVC-1/buyer@svc1.example', 'created'],
      ['subscription', 'SVC-1-S', 'created'],
    ]);
    const again = await applyRecords(ctx, actor, batch, { dryRun: false });
    expect(again.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.map((r) => r.id)).toEqual(first.map((r) => r.id));

    const sub = await ctx.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('external_id', '=', 'SVC-1-S')
      .executeTakeFirstOrThrow();
    // The list price of the plan in the account's currency; auto-renew elsewhere is not consent.
    expect(sub.unit_price_minor).toBeGreaterThan(0);
    expect(sub.auto_renew_enabled).toBe(0);
    expect(sub.auto_renew_elsewhere).toBe(1);
    // The customer is asked to consent to collect on the subscription's page.
    const [summary] = await listSubscriptions(ctx, sub.account_id);
    expect(summary?.autoRenew).toMatchObject({ enabled: false, askConsent: true });
    const events = await ctx.db
      .selectFrom('events')
      .select(['type', 'subject_id'])
      .where('account_id', '=', first[0]?.id ?? '')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['account.created', 'subscription.created']);
  });

  it('updates what changed (audited, announced) and cancels', async () => {
    await applyRecords(
      ctx,
      actor,
      { accounts: [accountRecord('SVC-2')], subscriptions: [subscriptionRecord('SVC-2-S', 'SVC-2')] },
      { dryRun: false },
    );
    const [account, sub] = await applyRecords(
      ctx,
      actor,
      {
        accounts: [accountRecord('SVC-2', { name: 'Renamed Inc' })],
        subscriptions: [subscriptionRecord('SVC-2-S', 'SVC-2', { seats: 30, unitPriceMinor: 9000 })],
      },
      { dryRun: false },
    );
    expect([account?.outcome, sub?.outcome]).toEqual(['updated', 'updated']);
    const [cancelled] = await applyRecords(
      ctx,
      actor,
      {
        subscriptions: [
          subscriptionRecord('SVC-2-S', 'SVC-2', { seats: 30, unitPriceMinor: 9000, status: 'cancelled' }),
        ],
      },
      { dryRun: false },
    );
    expect(cancelled?.outcome).toBe('updated');
    const row = await ctx.db
      .selectFrom('subscriptions')
      .select(['seats', 'unit_price_minor', 'cancelled_at'])
      .where('external_id', '=', 'SVC-2-S')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      seats: 30,
      unit_price_minor: 9000,
      cancelled_at: ctx.clock.now().toISOString(),
    });
    const types = await ctx.db
      .selectFrom('events')
      .select('type')
      .where('account_id', '=', account?.id ?? '')
      .orderBy('seq')
      .execute();
    expect(types.map((e) => e.type)).toEqual([
      'account.created',
      'subscription.created',
      'account.updated',
      'subscription.updated',
      'subscription.cancelled',
    ]);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_label'])
      .where('account_id', '=', account?.id ?? '')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toContain('subscription.cancelled');
    expect(new Set(audit.map((a) => a.actor_label))).toEqual(new Set(['api-key:rpk_test']));
  });

  it('refuses bad records with field errors and applies the good ones', async () => {
    const results = await applyRecords(
      ctx,
      actor,
      {
        accounts: [
          accountRecord('SVC-3'),
          { externalId: 'bad id!', name: '', currency: 'USD', country: 'ZZ' },
        ],
        subscriptions: [
          subscriptionRecord('SVC-3-S', 'SVC-3', { planCode: 'platinum' }),
          subscriptionRecord('SVC-3-T', 'NOPE'),
          subscriptionRecord('SVC-3-U', 'SVC-3', { termEnd: '2025-01-01' }),
        ],
      },
      { dryRun: false },
    );
    expect(results.map((r) => r.outcome)).toEqual(['created', 'refused', 'refused', 'refused', 'refused']);
    expect(results[1]?.errors.map((e) => e.field).sort()).toEqual(['country', 'externalId', 'name']);
    expect(results[2]?.errors[0]?.field).toBe('planCode');
    expect(results[3]?.errors[0]?.field).toBe('accountExternalId');
    expect(results[4]?.errors[0]?.field).toBe('termEnd');
  });

  it('reports a dry run without changing anything', async () => {
    const results = await applyRecords(
      ctx,
      actor,
      { accounts: [accountRecord('SVC-DRY')], subscriptions: [subscriptionRecord('SVC-DRY-S', 'SVC-DRY')] },
      { dryRun: true },
    );
    expect(results.map((r) => [r.outcome, r.id])).toEqual([
      ['created', null],
      ['created', null],
    ]);
    const found = await ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('external_id', '=', 'SVC-DRY')
      .executeTakeFirst();
    expect(found).toBeUndefined();
  });

  it("commits the caller's own writes with the batch, and nothing of the batch when they fail", async () => {
    const batch = { accounts: [accountRecord('SVC-HOOK')] };
    const killed = applyRecords(ctx, actor, batch, {
      dryRun: false,
      inTransaction: async () => {
        throw new Error('killed before the chunk was recorded');
      },
    });
    await expect(killed).rejects.toThrow('killed before the chunk was recorded');
    const find = () =>
      ctx.db.selectFrom('accounts').select('id').where('external_id', '=', 'SVC-HOOK').executeTakeFirst();
    expect(await find()).toBeUndefined();

    let seen: string[] = [];
    const [created] = await applyRecords(ctx, actor, batch, {
      dryRun: false,
      inTransaction: async (tx, results) => {
        seen = results.map((r) => r.outcome);
        // Inside the batch's transaction: the account is already there.
        const inside = await tx
          .selectFrom('accounts')
          .select('id')
          .where('external_id', '=', 'SVC-HOOK')
          .executeTakeFirst();
        expect(inside?.id).toBe(results[0]?.id);
      },
    });
    expect(seen).toEqual(['created']);
    expect((await find())?.id).toBe(created?.id);
  });

  it('refuses a batch over the limit before reading it', async () => {
    const accounts = Array.from({ length: MAX_BATCH_RECORDS + 1 }, (_, i) => accountRecord(`BIG-${i}`));
    await expect(applyRecords(ctx, actor, { accounts }, { dryRun: false })).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });
});
