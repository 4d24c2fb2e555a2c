// The run's notices and reminders: sent on their day in the vendor's time zone, once whatever happens (a
// re-run, a crash after the ledger claim, two runners), late ones caught up, and reminders with the value
// report's highlights unless the customer muted them.

import { afterEach, describe, expect, it } from 'vitest';
import { noticesOf, outbox, renewalOf, runAt, SALES, saveCard, turnOn } from '../../testing/auto-renew.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { runRenewals } from './run.ts';

let ctx: TestContext;
afterEach(async () => {
  await ctx.dispose();
});

async function withAutoRenew(env: Record<string, string> = {}) {
  ctx = await createTestContext({ env });
  const alex = await ctx.signedIn('alex@northwind.example');
  await saveCard(ctx, alex, SALES);
  await turnOn(alex, SALES, 1);
  return alex;
}

describe('auto-renew notices', () => {
  it('sends each notice on its day with the amount, date, term, card and the one-click link, once', async () => {
    await withAutoRenew();
    const early = await runAt(ctx, '2026-12-26T12:00:00.000Z');
    expect(early.stats.notices_sent ?? 0).toBe(0);
    const report = await runAt(ctx, '2026-12-27T03:00:00.000Z');
    expect(report.stats.notices_sent).toBe(1);
    const emails = await outbox(ctx, { template: 'auto_renew_notice_advance' });
    expect(emails.map((e) => e.to_address).sort()).toEqual([
      'alex@northwind.example',
      'ap@northwind.example',
    ]);
    const [email] = emails;
    expect(email?.subject).toBe('Sales workspace renews automatically on January 26, 2027: $20,520.00');
    expect(email?.text_body).toContain(
      'On January 26, 2027 we will charge $20,520.00 to the Visa card ending in 4242 to renew Sales workspace (Professional, 45 seats) for 1 year.',
    );
    expect(email?.text_body).toContain('The new term runs from January 26, 2027 to January 25, 2028.');
    expect(email?.text_body).toContain('Turn off auto-renew: http://portal.test/auto-renew/off?token=');
    expect(email?.text_body).toContain('California (Automatic Renewal Law)');
    expect(email?.html_body).toContain('Turn off auto-renew</a>');

    const again = await runAt(ctx, '2026-12-27T09:00:00.000Z');
    expect(again.stats.notices_sent ?? 0).toBe(0);
    expect(await outbox(ctx, { template: 'auto_renew_notice' })).toHaveLength(2);
    const notice = (await noticesOf(ctx, SALES)).find((n) => n.kind === 'advance');
    expect(notice).toMatchObject({
      status: 'sent',
      recipients: 2,
      amount_minor: 2_052_000,
      policy_id: 'us-ca',
    });
    const history = await ctx.db
      .selectFrom('subscription_events')
      .select(['type', 'data'])
      .where('subscription_id', '=', SALES)
      .where('type', '=', 'auto_renew.notice_sent')
      .execute();
    expect(history).toHaveLength(1);
  });

  it('a run killed after recording a notice sends it exactly once when run again', async () => {
    await withAutoRenew();
    const crash = {
      afterClaim: (key: string) => {
        if (key.startsWith('notice:')) throw new Error('killed');
      },
    };
    const crashed = await runAt(ctx, '2026-12-27T03:00:00.000Z', { hooks: crash });
    expect(crashed.stats.errors).toBe(1);
    expect(await outbox(ctx, { template: 'auto_renew_notice' })).toHaveLength(0);
    // Straight after, the claim is still leased to the dead runner: nothing happens.
    const busy = await runAt(ctx, '2026-12-27T03:01:00.000Z');
    expect(busy.stats.busy).toBe(1);
    expect(await outbox(ctx, { template: 'auto_renew_notice' })).toHaveLength(0);
    // Once the lease is over the next run resumes it, and the e-mails go out once.
    const resumed = await runAt(ctx, '2026-12-27T03:12:00.000Z');
    expect(resumed.stats).toMatchObject({ resumed: 1, notices_sent: 1 });
    await runAt(ctx, '2026-12-27T03:30:00.000Z');
    expect(await outbox(ctx, { template: 'auto_renew_notice' })).toHaveLength(2);
  });

  it('three runners at once send each notice once', async () => {
    await withAutoRenew();
    ctx.clock.set('2026-12-27T03:00:00.000Z');
    // Interleaved at every await (two processes are in runners.test.ts).
    const reports = await Promise.all([
      runRenewals(ctx, { trigger: 'test' }),
      runRenewals(ctx, { trigger: 'test' }),
      runRenewals(ctx, { trigger: 'test' }),
    ]);
    expect(reports.reduce((sum, r) => sum + (r.stats.notices_sent ?? 0), 0)).toBe(1);
    expect(await outbox(ctx, { template: 'auto_renew_notice' })).toHaveLength(2);
  });

  it('counts the day in the vendor’s time zone (Shanghai is ahead of UTC)', async () => {
    await withAutoRenew({ PORTAL_TIME_ZONE: 'Asia/Shanghai' });
    // 23:30 on 26 December in Shanghai: not yet.
    expect((await runAt(ctx, '2026-12-26T15:30:00.000Z')).stats.notices_sent ?? 0).toBe(0);
    // 00:30 on 27 December in Shanghai, still the 26th in UTC: due.
    expect((await runAt(ctx, '2026-12-26T16:30:00.000Z')).stats.notices_sent).toBe(1);
  });

  it('counts the day in the vendor’s time zone (Los Angeles is behind UTC)', async () => {
    await withAutoRenew({ PORTAL_TIME_ZONE: 'America/Los_Angeles' });
    // 23:30 on 26 December in Los Angeles, already the 27th in UTC: not yet.
    expect((await runAt(ctx, '2026-12-27T07:30:00.000Z')).stats.notices_sent ?? 0).toBe(0);
    expect((await runAt(ctx, '2026-12-27T08:30:00.000Z')).stats.notices_sent).toBe(1);
  });

  it('missed runs: after days without a run the first notice goes out late and the charge moves by its full lead time', async () => {
    await withAutoRenew();
    // The 30-day notice (26 December) was missed; on 20 January California still asks for 15 days.
    const report = await runAt(ctx, '2027-01-20T03:00:00.000Z');
    expect(report.stats).toMatchObject({ notices_sent: 1 });
    const sent = await noticesOf(ctx, SALES);
    expect(sent.map((n) => [n.kind, n.status, n.stated_charge_date])).toEqual([
      ['consent', 'sent', '2027-01-26'],
      ['advance', 'sent', '2027-02-04'],
    ]);
    const [email] = await outbox(ctx, { template: 'auto_renew_notice_advance' });
    expect(email?.subject).toContain('February 4, 2027');
    expect(email?.text_body).toContain('This replaces our earlier notice');
    expect(await renewalOf(ctx, SALES)).toMatchObject({ state: 'deferred', due_date: '2027-02-04' });
    // Nothing is charged on the old date.
    const onOldDate = await runAt(ctx, '2027-01-26T03:00:00.000Z');
    expect(onOldDate.stats.charges_succeeded ?? 0).toBe(0);
  });

  it('stops sending once auto-renew is turned off', async () => {
    const alex = await withAutoRenew();
    await alex.put(`/api/subscriptions/${SALES}/auto-renew`, { enabled: false });
    const report = await runAt(ctx, '2026-12-27T03:00:00.000Z');
    expect(report.stats.notices_sent ?? 0).toBe(0);
    expect(await outbox(ctx, { template: 'auto_renew_notice' })).toHaveLength(0);
  });
});

describe('renewal reminders (manual renewals)', () => {
  it('reminds 60 days before the end with the value report’s highlights and a link to the offers', async () => {
    ctx = await createTestContext();
    // Sales workspace ends on 2027-01-26: its 60-day reminder falls on 2026-11-27.
    const report = await runAt(ctx, '2026-11-27T03:00:00.000Z');
    expect(report.stats.reminders_sent).toBeGreaterThanOrEqual(1);
    const [email] = await outbox(ctx, { template: 'renewal_reminder_60', to: 'alex@northwind.example' });
    expect(email?.subject).toBe('Your Sales workspace subscription ends on January 25, 2027');
    expect(email?.text_body).toContain('runs until January 25, 2027: 60 days from today.');
    expect(email?.text_body).toContain('What this term brought your team:');
    expect(email?.text_body).toMatch(/- Your team ran [\d,]+ automations/);
    expect(email?.text_body).toContain(
      'Review renewal offers: http://portal.test/subscriptions/sub_nw_sales/offers',
    );
    const notices = await noticesOf(ctx, SALES);
    expect(notices).toMatchObject([{ kind: 'reminder', days_before: 60, status: 'sent', is_required: 0 }]);
    // Once.
    await runAt(ctx, '2026-11-27T05:00:00.000Z');
    expect(await outbox(ctx, { template: 'renewal_reminder_60', to: 'alex@northwind.example' })).toHaveLength(
      1,
    );
  });

  it('catches up missed days but sends nothing to an account that muted reminders', async () => {
    ctx = await createTestContext();
    await runAt(ctx, '2026-11-23T03:00:00.000Z');
    const alex = await ctx.signedIn('alex@northwind.example');
    await alex.put('/api/auto-renew/reminders', { muted: true });
    const report = await runAt(ctx, '2026-12-10T03:00:00.000Z');
    const northwind = (await outbox(ctx, { template: 'renewal_reminder' })).filter((e) =>
      e.to_address.endsWith('@northwind.example'),
    );
    expect(northwind).toEqual([]);
    // Harbor's fleet platform (ends 2027-02-06) had its 60-day reminder due on 2026-12-08, two days ago.
    expect(report.stats.reminders_sent).toBeGreaterThanOrEqual(1);
    expect(await outbox(ctx, { template: 'renewal_reminder_60', to: 'li.wei@harbor.example' })).toHaveLength(
      1,
    );
    const [harbor] = await outbox(ctx, { template: 'renewal_reminder_60', to: 'li.wei@harbor.example' });
    expect(harbor?.locale).toBe('zh-CN');
    expect(harbor?.subject).toContain('订阅将于');
  });

  it('shows the last notice sent in the ops pipeline', async () => {
    ctx = await createTestContext();
    await runAt(ctx, '2026-11-27T03:00:00.000Z');
    const ops = await ctx.signedIn('ops@vendor.example');
    const response = await ops.get('/api/ops/pipeline?window=90');
    const body = (await response.json()) as {
      pipeline: { rows: { subscriptionId: string; lastNoticeSentAt: string | null }[] };
    };
    const sales = body.pipeline.rows.find((r) => r.subscriptionId === SALES);
    expect(sales?.lastNoticeSentAt).toBe('2026-11-27T03:00:00.000Z');
  });
});
