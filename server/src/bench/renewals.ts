// `pnpm bench:renewals`: builds a temporary SQLite database with 1,000,000 subscriptions (100,000 accounts,
// half of the subscriptions on auto-renew with their planned notices and quotes, term ends spread over a year)
// and measures the renewal run for one day through the product's own code:
//
//   A. finding, recording and enqueuing the day's notices and reminders (about 0.8 % of the subscriptions:
//      ~2,740 auto-renew notices, ~4,110 reminders with their value-report highlights): wall time and peak
//      memory (RSS sampled every 20 ms, and the kernel's high-water mark VmHWM after resetting it);
//   B. the day's automatic charges (~1,370) against the in-process Stripe emulator at an unlimited rate,
//      each recorded, charged, fulfilled (payment, invoice, receipt) and the next term planned: reported apart.
//
// Targets for A: under 30 s and under 512 MiB. The build runs in this process; A and B run in a fresh child
// process (so the build's memory does not count). Not product code: the bulk build uses SQLite's own SQL on a
// raw better-sqlite3 handle. Options: --subscriptions=N --charges=N (cap on B) --keep (keep the database)
// --postgres (A and B on PostgreSQL: DATABASE_URL's server, else an embedded one; the SQLite build is copied in).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { addDays, addYears } from '@portal/shared/dates';
import { noticeSchedule, policyFor } from '@portal/shared/notice-policy';
import SqliteDatabase from 'better-sqlite3';
import { createStripeEmulator } from '../../stripe-emulator/index.ts';
import { runRenewals } from '../features/auto-renew/run.ts';
import { createFixedClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { UNLIMITED_BUDGET } from '../platform/stripe/rate-budget.ts';
import { createRuntime } from '../runtime.ts';
import { seedCatalog } from '../seed/catalog.ts';
import { seedPricing } from '../seed/pricing.ts';
import { type BenchPostgres, benchOnPostgres } from './postgres-copy.ts';

const TODAY = '2027-06-15';
const NOW = `${TODAY}T02:00:00.000Z`;
const SUBS_PER_ACCOUNT = 10;
const TARGET_MS = 30_000;
const TARGET_MIB = 512;

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

const SUBSCRIPTIONS = option('subscriptions', 1_000_000);
const CHARGE_CAP = option('charges', Number.POSITIVE_INFINITY);
const KEEP = process.argv.includes('--keep');
const POSTGRES = process.argv.includes('--postgres');
/** The run's yield slice (ms); --slice-ms=Infinity never yields (as before decision 022). */
const SLICE_MS = option('slice-ms', 10);

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * Peak resident memory while `fn` runs: sampled RSS, and VmHWM after resetting it (Linux); and how long the
 * event loop was held (perf_hooks' monitorEventLoopDelay: what a request arriving during the run would wait).
 */
async function measured<T>(fn: () => Promise<T>): Promise<{
  result: T;
  ms: number;
  peakRss: number;
  hwm: number | null;
  loopDelay: { max: number; p99: number };
}> {
  let canReset = true;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    canReset = false;
  }
  let peakRss = process.memoryUsage().rss;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // The monitor's first tick only starts its clock: let it tick before the work, or a run that never yields
  // would show no delay at all.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - started;
    // One more turn of the loop: a run that never yielded shows its whole length here.
    await new Promise((resolve) => setTimeout(resolve, 20));
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    let hwm: number | null = null;
    if (canReset) {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
      hwm = match?.[1] ? Number(match[1]) * 1024 : null;
    }
    loop.disable();
    const loopDelay = { max: loop.max / 1e6, p99: loop.percentile(99) / 1e6 };
    return { result, ms, peakRss, hwm, loopDelay };
  } finally {
    clearInterval(sampler);
    loop.disable();
  }
}

function benchConfig(dir: string, databaseUrl?: string) {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_PATH: join(dir, 'bench.db'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PUBLIC_URL: 'http://portal.bench',
    LOG_LEVEL: 'silent',
    STRIPE_RATE_PER_SECOND: '0',
    OPTOUT_LINK_SECRETS: 'bench-opt-out-link-secret-0123456789abcdef',
  });
}

async function main() {
  const measureDir = process.argv.find((arg) => arg.startsWith('--measure='))?.slice('--measure='.length);
  if (measureDir) {
    await measure(measureDir);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-renewals-'));
  const databasePath = join(dir, 'bench.db');
  const config = benchConfig(dir);
  const clock = createFixedClock(NOW, config.timeZone);
  const accounts = Math.ceil(SUBSCRIPTIONS / SUBS_PER_ACCOUNT);
  let postgres: BenchPostgres | undefined;
  log(
    `renewal-run benchmark: ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions, ${accounts.toLocaleString('en')} accounts, day ${TODAY} (${databasePath})`,
  );

  try {
    // 1. Schema and reference data through the product's own code.
    let runtime = await createRuntime({ config, clock, logger: createLogger('silent') });
    const nowIso = clock.now().toISOString();
    await runtime.db.transaction().execute(async (tx) => {
      await seedCatalog(tx, nowIso);
      await seedPricing(tx, nowIso);
    });
    await runtime.close();

    // 2. Bulk build on a raw handle. Term ends are spread over the coming year; even subscriptions renew
    //    automatically (a planned renewal with its quote, its 30- and 7-day notices, sent when already past).
    const build = performance.now();
    const sqlite = new SqliteDatabase(databasePath);
    sqlite.pragma('journal_mode = OFF');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = OFF');
    sqlite.pragma('cache_size = -1000000');
    const countries = [
      ['US', 'CA'],
      ['US', 'NY'],
      ['FR', null],
      ['DE', 'BY'],
      ['GB', null],
    ] as const;
    const insertAccount = sqlite.prepare(
      `insert into accounts (id, name, currency, locale, country, region, default_payment_method_id, created_at,
         updated_at)
       values (?, ?, 'USD', ?, ?, ?, ?, ?, ?)`,
    );
    const insertCard = sqlite.prepare(
      `insert into payment_method_cards (id, account_id, brand, last4, exp_month, exp_year, created_at)
       values (?, ?, 'visa', '4242', 12, 2030, ?)`,
    );
    // I1: no automatic renewal without a standing consent for that term length.
    const insertConsent = sqlite.prepare(
      `insert into auto_renew_consents (id, subscription_id, account_id, action, via, user_id, actor_label,
         term_years, amount_minor, currency, quote_id, terms_text, terms_hash, locale, payment_method_id, at,
         term_end)
       values (?, ?, ?, 'enabled', 'portal', ?, 'Bench admin', 1, ?, 'USD', ?, 'bench terms', 'bench', 'en', ?, ?, ?)`,
    );
    const insertUser = sqlite.prepare(
      `insert into users (id, account_id, email, name, role, locale, status, created_at, updated_at)
       values (?, ?, ?, ?, 'customer_admin', 'en', 'active', ?, ?)`,
    );
    const insertSubscription = sqlite.prepare(
      `insert into subscriptions (id, account_id, plan_id, label, seats, currency, unit_price_minor, term_start,
         term_end, auto_renew_enabled, auto_renew_term_years, created_at, updated_at)
       values (?, ?, 'plan_professional', ?, ?, 'USD', 48000, ?, ?, ?, ?, ?, ?)`,
    );
    const insertQuote = sqlite.prepare(
      `insert into quotes (id, number, account_id, subscription_id, offer_id, kind, status, plan_id, plan_code,
         plan_name, plan_tier_rank, seats, term_years, term_start, term_end, currency, lines_json, list_minor,
         savings_minor, savings_basis_points, credit_minor, tax_minor, total_minor, price_per_year_minor,
         contract_unit_price_minor, rules_version, basis_plan_id, basis_plan_code, basis_plan_name, basis_seats,
         basis_term_start, basis_term_end, subscription_label, account_name, created_by_user_id, created_by_name,
         created_by_email, created_at, expires_at)
       values (?, ?, ?, ?, ?, 'renew', 'open', 'plan_professional', 'professional', 'Professional', 2, ?, 1, ?, ?,
         'USD', ?, ?, 0, 0, 0, 0, ?, ?, 48000, 1, 'plan_professional', 'professional', 'Professional', ?, ?, ?, ?, ?,
         ?, 'Bench admin', ?, ?, ?)`,
    );
    const insertRenewal = sqlite.prepare(
      `insert into auto_renewals (id, subscription_id, account_id, term_end, term_years, policy_id, quote_id,
         honoured_total_minor, currency, state, attempts, due_date, notice_check_date, created_at, updated_at)
       values (?, ?, ?, ?, 1, ?, ?, ?, 'USD', 'scheduled', 0, ?, ?, ?, ?)`,
    );
    const insertNotice = sqlite.prepare(
      `insert into renewal_notices (id, subscription_id, account_id, renewal_id, term_end, kind, days_before,
         due_date, lead_days, policy_id, is_required, status, recipients, sent_at, created_at, notice_key,
         amount_minor, currency, stated_charge_date, stated_term_years, stated_payment_method_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'sent', 1, ?, ?, ?, ?, 'USD', ?, 1, ?)`,
    );
    const insertDelivered = sqlite.prepare(
      `insert into email_outbox (id, account_id, to_address, template, locale, subject, text_body, html_body,
         status, dedupe_key, created_at)
       values (?, ?, ?, ?, 'en', 'notice', 'notice', '<p>notice</p>', 'captured', ?, ?)`,
    );
    const policyOf = (a: number) => {
      const [country, region] = countries[a % countries.length] ?? ['US', null];
      return policyFor({ country, region });
    };
    let quoteNumber = 0;
    sqlite.transaction(() => {
      for (let a = 0; a < accounts; a++) {
        const [country, region] = countries[a % countries.length] ?? ['US', null];
        insertAccount.run(
          `acct_${a}`,
          `Account ${a}`,
          a % 10 === 9 ? 'zh-CN' : 'en',
          country,
          region,
          `pm_bench_${a}`,
          nowIso,
          nowIso,
        );
        insertCard.run(`pm_bench_${a}`, `acct_${a}`, nowIso);
        insertUser.run(`usr_${a}`, `acct_${a}`, `admin${a}@bench.example`, `Admin ${a}`, nowIso, nowIso);
      }
      for (let s = 0; s < SUBSCRIPTIONS; s++) {
        const id = `sub_${s}`;
        const a = Math.floor(s / SUBS_PER_ACCOUNT);
        const accountId = `acct_${a}`;
        const termEnd = addDays(TODAY, s % 365);
        const termStart = addYears(termEnd, -1);
        const seats = 10 + (s % 40);
        const isAuto = s % 2 === 0;
        insertSubscription.run(
          id,
          accountId,
          `Workspace ${s}`,
          seats,
          termStart,
          termEnd,
          isAuto ? 1 : 0,
          isAuto ? 1 : null,
          nowIso,
          nowIso,
        );
        if (!isAuto) continue;
        const quoteId = `quo_${s}`;
        const total = seats * 48_000;
        const lines = JSON.stringify([
          {
            code: 'list',
            planCode: 'professional',
            seats,
            termYears: 1,
            unitAmountMinor: 48_000,
            amountMinor: total,
          },
        ]);
        insertQuote.run(
          quoteId,
          `Q-2027-${String(++quoteNumber).padStart(7, '0')}`,
          accountId,
          id,
          `renew:professional:1y:${seats}`,
          seats,
          termEnd,
          addYears(termEnd, 1),
          lines,
          total,
          total,
          total,
          seats,
          termStart,
          termEnd,
          `Workspace ${s}`,
          `Account ${a}`,
          `usr_${a}`,
          `admin${a}@bench.example`,
          nowIso,
          `${addDays(termEnd, 14)}T00:00:00.000Z`,
        );
        insertConsent.run(
          `arc_${s}`,
          id,
          accountId,
          `usr_${a}`,
          total,
          quoteId,
          `pm_bench_${a}`,
          `${termStart}T09:00:00.000Z`,
          termEnd,
        );
        const renewalId = `arn_${s}`;
        const policy = policyOf(a);
        // Notices are facts of what was sent (decision 009): the past ones of the account's policy exist (each
        // on its preferred day), the run derives the rest on the renewal's next check date (its next notice's
        // day, or the charge day).
        const notices = noticeSchedule(
          { chargeDate: termEnd, termStart, termYears: 1, isPriceIncrease: false },
          policy,
        );
        const nextCheck = notices.map((n) => n.date).find((due) => due >= TODAY) ?? termEnd;
        insertRenewal.run(
          renewalId,
          id,
          accountId,
          termEnd,
          policy.id,
          quoteId,
          total,
          termEnd,
          nextCheck,
          nowIso,
          nowIso,
        );
        for (const { kind, daysBefore: days, leadDays: lead, date: due } of notices) {
          if (due >= TODAY) continue;
          insertNotice.run(
            `ntc_${s}_${days}`,
            id,
            accountId,
            renewalId,
            termEnd,
            kind,
            days,
            due,
            lead,
            policy.id,
            `${due}T02:00:00.000Z`,
            nowIso,
            `notice:${id}:${termEnd}:${days}`,
            total,
            termEnd,
            `pm_bench_${a}`,
          );
          // Each notice given: its e-mail reached the outbox's end (decision 009 counts only those).
          {
            const key = `notice:${id}:${termEnd}:${days}`;
            insertDelivered.run(
              `eml_${s}_${days}`,
              accountId,
              `admin${a}@bench.example`,
              `auto_renew_notice_${kind}`,
              `${key}:admin${a}@bench.example`,
              `${due}T02:00:00.000Z`,
            );
          }
        }
      }
    })();
    sqlite.exec('analyze');
    sqlite.pragma('journal_mode = WAL');
    sqlite.close();
    log(
      `built in ${seconds(performance.now() - build)}; file ${(statSync(databasePath).size / 2 ** 30).toFixed(2)} GiB`,
    );

    // 3. The Stripe side of today's charges: a customer with a saved card for each account that renews today.
    const emulator = createStripeEmulator({
      databasePath: join(dir, 'stripe.db'),
      publicUrl: 'http://stripe.bench',
      now: () => clock.now(),
      webhookEndpoints: [],
    });
    runtime = await createRuntime({
      config,
      clock,
      logger: createLogger('silent'),
      stripeTarget: { kind: 'in-process', fetch: emulator.fetch },
    });
    const dueToday = await runtime.db
      .selectFrom('subscriptions')
      .select(['id', 'account_id'])
      .where('term_end', '=', TODAY)
      .where('auto_renew_enabled', '=', 1)
      .orderBy('id')
      .execute();
    const charged = dueToday.slice(0, Number.isFinite(CHARGE_CAP) ? CHARGE_CAP : dueToday.length);
    const stripeSetup = performance.now();
    for (const sub of charged) {
      const customer = await runtime.stripe.client.customers.create({ name: sub.account_id });
      const paymentMethod = await runtime.stripe.client.paymentMethods.attach('pm_card_visa', {
        customer: customer.id,
      });
      await runtime.db
        .updateTable('accounts')
        .set({ stripe_customer_id: customer.id, default_payment_method_id: paymentMethod.id })
        .where('id', '=', sub.account_id)
        .execute();
      // The card was saved before the notices went out: they stated this one (a notice naming another card
      // is not a notice of this charge, and the run would rightly hold it).
      await runtime.db
        .updateTable('renewal_notices')
        .set({ stated_payment_method_id: paymentMethod.id })
        .where('account_id', '=', sub.account_id)
        .execute();
    }
    const skipped = dueToday.slice(charged.length).map((s) => s.id);
    if (skipped.length) {
      await runtime.db
        .updateTable('auto_renewals')
        .set({ due_date: null })
        .where('subscription_id', 'in', skipped)
        .execute();
    }
    log(
      `stripe setup: ${charged.length} customers with a saved card in ${seconds(performance.now() - stripeSetup)}`,
    );
    await runtime.close();
    emulator.close();

    let databaseUrl: string | undefined;
    if (POSTGRES) {
      ({ postgres, databaseUrl } = await benchOnPostgres(databasePath, log));
    }

    // A and B in a fresh process: what a server (or `pnpm renewals:run`) would hold in memory.
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        process.argv[1] ?? '',
        `--measure=${dir}`,
        `--slice-ms=${SLICE_MS}`,
        `--expected-charges=${charged.length}`,
        ...(databaseUrl ? [`--database-url=${databaseUrl}`] : []),
      ],
      {
        stdio: 'inherit',
      },
    );
    process.exitCode = child.status ?? 1;
  } finally {
    await postgres?.stop();
    if (KEEP) log(`kept ${databasePath}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(dir: string) {
  const databaseUrl = process.argv
    .find((arg) => arg.startsWith('--database-url='))
    ?.slice('--database-url='.length);
  const config = benchConfig(dir, databaseUrl);
  const clock = createFixedClock(NOW, config.timeZone);
  const nowIso = clock.now().toISOString();
  const expectedCharges = option('expected-charges', 0);
  const subscriptions = (
    await (async () => {
      const probe = new SqliteDatabase(config.databasePath, { readonly: true });
      const row = probe.prepare('select count(*) as n from subscriptions').get() as { n: number };
      probe.close();
      return row;
    })()
  ).n;
  const emulator = createStripeEmulator({
    databasePath: join(dir, 'stripe.db'),
    publicUrl: 'http://stripe.bench',
    now: () => clock.now(),
    webhookEndpoints: [],
  });
  const runtime = await createRuntime({
    config,
    clock,
    logger: createLogger('silent'),
    stripeTarget: { kind: 'in-process', fetch: emulator.fetch },
  });
  {
    // A. Notices and reminders: find, record in the ledger, enqueue.
    const a = await measured(() =>
      runRenewals(runtime, {
        trigger: 'bench',
        yieldSliceMs: SLICE_MS,
        steps: { notices: true, reminders: true, charges: false },
      }),
    );
    const due = (a.result.stats.notices_sent ?? 0) + (a.result.stats.reminders_sent ?? 0);
    const emailsA = await runtime.db
      .selectFrom('email_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '=', nowIso)
      .executeTakeFirstOrThrow();
    log(
      `A. notices and reminders: ${a.result.stats.notices_sent ?? 0} notices + ${a.result.stats.reminders_sent ?? 0} reminders` +
        ` (${((due / subscriptions) * 100).toFixed(2)} % of the subscriptions), ${Number(emailsA.n)} e-mails enqueued` +
        ` in ${seconds(a.ms)} (${JSON.stringify(a.result.stats)}); peak RSS ${mib(a.peakRss)}${a.hwm ? `, VmHWM ${mib(a.hwm)}` : ''};` +
        ` event loop delay max ${a.loopDelay.max.toFixed(0)} ms, p99 ${a.loopDelay.p99.toFixed(0)} ms`,
    );

    // B. The charges, at an unlimited rate against the in-process emulator.
    const b = await measured(() =>
      runRenewals(runtime, {
        trigger: 'bench',
        budget: UNLIMITED_BUDGET,
        yieldSliceMs: SLICE_MS,
        steps: { notices: false, reminders: false, charges: true },
      }),
    );
    const succeeded = b.result.stats.charges_succeeded ?? 0;
    log(
      `B. charges: ${succeeded} renewed of ${expectedCharges} due (${JSON.stringify(b.result.stats)}) in ${seconds(b.ms)}` +
        ` (${(b.ms / Math.max(1, succeeded)).toFixed(1)} ms each, ${(succeeded / (b.ms / 1000)).toFixed(0)}/s);` +
        ` peak RSS ${mib(b.peakRss)}${b.hwm ? `, VmHWM ${mib(b.hwm)}` : ''};` +
        ` event loop delay max ${b.loopDelay.max.toFixed(0)} ms, p99 ${b.loopDelay.p99.toFixed(0)} ms`,
    );
    log(
      `   at Stripe's default 25 requests/s per endpoint (the run paces at STRIPE_RATE_PER_SECOND, default 20/s)` +
        ` the same charges take about ${seconds((succeeded / 20) * 1000)}`,
    );

    // The same day again: nothing is sent or charged twice.
    const again = await runRenewals(runtime, { trigger: 'bench', budget: UNLIMITED_BUDGET });
    const repeated =
      (again.stats.notices_sent ?? 0) +
      (again.stats.reminders_sent ?? 0) +
      (again.stats.charges_succeeded ?? 0);
    log(`re-run of the same day: ${repeated} actions repeated (${again.ms} ms)`);

    await runtime.close();
    emulator.close();
    const peak = a.hwm ?? a.peakRss;
    const isOk =
      a.ms < TARGET_MS && peak < TARGET_MIB * 2 ** 20 && repeated === 0 && succeeded === expectedCharges;
    log(
      isOk
        ? `OK: A ${seconds(a.ms)} < 30 s, ${mib(peak)} < ${TARGET_MIB} MiB`
        : `MISSED: A ${seconds(a.ms)} (target 30 s), ${mib(peak)} (target ${TARGET_MIB} MiB), repeated ${repeated}, charged ${succeeded}/${expectedCharges}`,
    );
    process.exitCode = isOk ? 0 : 1;
  }
}

await main();
