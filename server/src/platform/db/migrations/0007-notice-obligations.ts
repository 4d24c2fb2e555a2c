// Notice obligations derived, not remembered (decision 009). A sent notice is kept as a fact of what it stated
// (amount and currency were there; now also the charge date, the term and the card), under a unique key; the
// old "scheduled" rows, which were plans, go. Consents record the term they were given in. A renewal carries
// the day the run should next look at its notices, set to "now" by triggers whenever a fact they depend on
// changes (seats, plan, price, card, billing address), so a change is seen by the next run without a scan.
// Accounts are business or consumer (consumer rights, decision 009).

import { type Kysely, sql } from 'kysely';
import { columnType, isPostgres } from './dialect.ts';

/** The earliest day: "look at it in the next run". */
export const CHECK_NOW = '0001-01-01';

export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite cannot drop a table's unique constraint: the notices table is rebuilt without it.
  const text = columnType(db, 'text');
  const integer = columnType(db, 'integer');
  await sql`create table renewal_notices_new (
    id ${text} primary key,
    subscription_id ${text} not null references subscriptions(id) on delete cascade,
    account_id ${text} not null,
    renewal_id ${text},
    term_end ${text} not null,
    kind ${text} not null,
    days_before ${integer} not null,
    due_date ${text} not null,
    lead_days ${integer} not null default 0,
    policy_id ${text},
    is_required ${integer} not null,
    status ${text} not null,
    amount_minor ${integer},
    currency ${text},
    recipients ${integer} not null default 0,
    sent_at ${text},
    created_at ${text} not null,
    notice_key ${text} not null,
    stated_charge_date ${text},
    stated_term_years ${integer},
    stated_payment_method_id ${text}
  )`.execute(db);
  await sql`insert into renewal_notices_new
    select id, subscription_id, account_id, renewal_id, term_end, kind, days_before, due_date, lead_days,
      policy_id, is_required, status, amount_minor, currency, recipients, sent_at, created_at,
      case when kind = 'reminder' then 'reminder:' || subscription_id || ':' || term_end || ':' || days_before
        else id end,
      null, null, null
    from renewal_notices where status <> 'scheduled'`.execute(db);
  await sql`drop table renewal_notices`.execute(db);
  await sql`alter table renewal_notices_new rename to renewal_notices`.execute(db);
  await db.schema
    .createIndex('renewal_notices_key_uq')
    .on('renewal_notices')
    .column('notice_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('renewal_notices_term_idx')
    .on('renewal_notices')
    .columns(['subscription_id', 'term_end'])
    .execute();
  await db.schema
    .createIndex('renewal_notices_sent_idx')
    .on('renewal_notices')
    .columns(['subscription_id', 'sent_at'])
    .execute();

  await db.schema.alterTable('auto_renew_consents').addColumn('term_end', 'text').execute();

  await db.schema.alterTable('auto_renewals').addColumn('notice_check_date', 'text').execute();
  await db.schema
    .createIndex('auto_renewals_notice_check_idx')
    .on('auto_renewals')
    .column('notice_check_date')
    .execute();
  await sql`update auto_renewals set notice_check_date = ${CHECK_NOW}
    where state in ('planning', 'scheduled', 'deferred', 'needs_attention')`.execute(db);

  await db.schema
    .alterTable('accounts')
    .addColumn('customer_type', 'text', (c) => c.notNull().defaultTo('business'))
    .execute();

  const recheck = (where: string) =>
    sql.raw(`update auto_renewals set notice_check_date = '${CHECK_NOW}'
      where closed_at is null and state in ('scheduled', 'deferred', 'needs_attention') and ${where};`);
  const triggers = [
    {
      name: 'auto_renewals_recheck_subscription',
      when: 'after update of seats, plan_id, unit_price_minor, currency, auto_renew_term_years on subscriptions',
      where: 'subscription_id = new.id',
    },
    {
      name: 'auto_renewals_recheck_account',
      when: 'after update of country, region, default_payment_method_id, customer_type on accounts',
      where: 'account_id = new.id',
    },
    {
      name: 'auto_renewals_recheck_price',
      when: 'after update of unit_amount_minor on plan_prices',
      where:
        'subscription_id in (select id from subscriptions where plan_id = new.plan_id and currency = new.currency)',
    },
    {
      name: 'auto_renewals_recheck_quote',
      when: 'after insert on quotes',
      where: 'subscription_id = new.subscription_id',
    },
  ];
  for (const trigger of triggers) {
    if (isPostgres(db)) {
      // PostgreSQL's triggers call a function (plpgsql), row by row like SQLite's.
      await sql`create function ${sql.raw(trigger.name)}() returns trigger language plpgsql as $$
        begin ${recheck(trigger.where)} return null; end $$`.execute(db);
      await sql`create trigger ${sql.raw(trigger.name)} ${sql.raw(trigger.when)}
        for each row execute function ${sql.raw(trigger.name)}()`.execute(db);
    } else {
      await sql`create trigger ${sql.raw(trigger.name)}
    ${sql.raw(trigger.when)}
    begin ${recheck(trigger.where)} end`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('0007 cannot be undone: restore the backup taken before the upgrade');
}
