// Ops create and edit accounts and contracts as vendor records (decisions 021, 026): an account or contract made
// in the portal takes the external id when first edited (once, audited with the reason), never one another
// holds; the account page carries the full records the forms start from.

import type { TOpsAccount } from '@portal/shared/schemas/ops-workspace';
import type { TRecordResult } from '@portal/shared/schemas/vendor-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let ops: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ops = await ctx.signedIn('ops@vendor.example');
}, 60_000);
afterAll(async () => {
  await ctx.dispose();
});

async function account(id: string): Promise<TOpsAccount> {
  const response = await ops.get(`/api/ops/accounts/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as TOpsAccount;
}

async function apply(kind: 'account' | 'subscription', body: unknown): Promise<TRecordResult> {
  const response = await ops.post(`/api/ops/records/${kind}`, body);
  expect(response.status, await response.clone().text()).toBe(200);
  const [result] = ((await response.json()) as { results: TRecordResult[] }).results;
  if (!result) throw new Error('no result');
  return result;
}

const auditOf = (entityId: string, action: string) =>
  ctx.db
    .selectFrom('audit_events')
    .select(['reason', 'after_json'])
    .where('entity_id', '=', entityId)
    .where('action', '=', action)
    .execute();

describe('ops › editing records made in the portal', () => {
  it('gives the account the external id on its first edit, then edits it; audited with the reason', async () => {
    const before = await account('acct_alpenrose');
    expect(before.account.externalId).toBeNull();
    const record = {
      externalId: 'ERP-ALP',
      name: 'Alpenrose GmbH & Co. KG',
      legalName: before.account.legalName,
      customerType: before.account.customerType,
      currency: before.account.currency,
      locale: before.account.locale,
      country: before.account.country,
      region: before.account.region,
      addressLine1: before.account.addressLine1,
      city: before.account.city,
      postalCode: before.account.postalCode,
      taxId: before.account.taxId,
      billingEmail: before.account.billingEmail,
    };
    const result = await apply('account', {
      record,
      reason: 'Linked to the ERP',
      accountId: 'acct_alpenrose',
    });
    expect(result).toMatchObject({ outcome: 'updated', id: 'acct_alpenrose' });
    const after = await account('acct_alpenrose');
    expect(after.account).toMatchObject({ externalId: 'ERP-ALP', name: 'Alpenrose GmbH & Co. KG' });
    expect(await auditOf('acct_alpenrose', 'account.external_id_assigned')).toEqual([
      expect.objectContaining({ reason: 'Linked to the ERP' }),
    ]);
    expect(await auditOf('acct_alpenrose', 'ops.account_updated')).toEqual([
      expect.objectContaining({ reason: 'Linked to the ERP' }),
    ]);
    // No second account was made.
    const named = await ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('external_id', '=', 'ERP-ALP')
      .execute();
    expect(named).toEqual([{ id: 'acct_alpenrose' }]);
  });

  it('refuses an external id another account holds, and a change of an external id, beside the field', async () => {
    const kumo = await account('acct_kumo');
    const record = {
      externalId: 'ERP-ALP',
      name: kumo.account.name,
      currency: kumo.account.currency,
      country: kumo.account.country,
    };
    const taken = await apply('account', { record, reason: 'Wrong one', accountId: 'acct_kumo' });
    expect(taken).toMatchObject({ outcome: 'refused', errors: [{ field: 'externalId' }] });
    expect((await account('acct_kumo')).account.externalId).toBeNull();
    const renamed = await apply('account', {
      record: { ...record, externalId: 'ERP-OTHER', name: 'Alpenrose' },
      reason: 'Try to move it',
      accountId: 'acct_alpenrose',
    });
    expect(renamed).toMatchObject({ outcome: 'refused', errors: [{ field: 'externalId' }] });
  });

  it('gives a contract the external id on its first edit and edits it; the page shows the record', async () => {
    const page = await account('acct_alpenrose');
    const subscription = page.subscriptions.find((s) => !s.cancelled);
    if (!subscription) throw new Error('Alpenrose has a running contract in the demo');
    expect(subscription.record).toMatchObject({ externalId: null, currency: 'EUR' });
    const result = await apply('subscription', {
      record: {
        externalId: 'ERP-C-1',
        accountExternalId: 'ERP-ALP',
        planCode: subscription.record.planCode,
        label: subscription.label,
        seats: subscription.seats + 5,
        unitPriceMinor: subscription.record.unitPriceMinor,
        termStart: subscription.termStart,
        termEnd: subscription.termEnd,
      },
      reason: 'Five more seats signed',
      subscriptionId: subscription.id,
    });
    expect(result).toMatchObject({ outcome: 'updated', id: subscription.id });
    const edited = (await account('acct_alpenrose')).subscriptions.find((s) => s.id === subscription.id);
    expect(edited).toMatchObject({ seats: subscription.seats + 5, record: { externalId: 'ERP-C-1' } });
    expect(await auditOf(subscription.id, 'subscription.external_id_assigned')).toEqual([
      expect.objectContaining({ reason: 'Five more seats signed' }),
    ]);
    // The reason is on the account's timeline too.
    const timeline = await ops.get('/api/ops/accounts/acct_alpenrose/timeline?limit=20');
    const items = ((await timeline.json()) as { page: { items: { label: string; reason: string | null }[] } })
      .page.items;
    expect(items).toContainEqual(
      expect.objectContaining({ label: 'ops.subscription_updated', reason: 'Five more seats signed' }),
    );
  });
});
