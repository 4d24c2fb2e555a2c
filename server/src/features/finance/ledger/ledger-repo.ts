// SQL of the payments ledger: payments, refunds and disputes as one list (a UNION ALL of the three, each with
// its account and invoice), filtered, keyset-paged newest first, and totalled per currency. Portable SQL
// (row-value comparison and UNION ALL work on SQLite and PostgreSQL).

import { sql } from 'kysely';
import type { ReadsOf } from '../../../platform/db/slice.ts';

/** What these reads join (decision 015: finance reads other features' rows, never writes them). */
type Reads = ReadsOf<'accounts' | 'disputes' | 'invoices' | 'payments' | 'refunds'>;

import { containsText } from '../../../platform/db/text-search.ts';

export type LedgerFilter = {
  fromIso?: string | undefined;
  toIso?: string | undefined;
  kind: 'all' | 'payment' | 'refund' | 'dispute';
  status?: string | undefined;
  currency?: string | undefined;
  accountId?: string | undefined;
  q?: string | undefined;
};

export type LedgerPosition = { occurredAt: string; id: string };

/**
 * Each kind of entry with the same columns. `moved` says whether it counts in the totals: money actually
 * received (succeeded payments), refunds that succeeded or are under way, disputes not won.
 */
function ledgerBranches(db: Reads) {
  const payments = db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('invoices as i', 'i.payment_id', 'p.id')
    .select((eb) => [
      sql<string>`'payment'`.as('kind'),
      'p.id as id',
      eb.fn.coalesce('p.paid_at', 'p.created_at').as('occurred_at'),
      'p.status as status',
      'p.account_id as account_id',
      'a.name as account_name',
      'p.amount_minor as amount_minor',
      'p.fee_minor as fee_minor',
      'p.net_minor as net_minor',
      'p.currency as currency',
      'p.id as payment_id',
      'i.id as invoice_id',
      'i.number as invoice_number',
      'p.stripe_charge_id as stripe_id',
      'p.stripe_charge_id as charge_id',
      'p.stripe_payment_intent_id as payment_intent_id',
      eb.case().when('p.status', '=', 'succeeded').then(eb.lit(1)).else(eb.lit(0)).end().as('moved'),
    ]);
  const refunds = db
    .selectFrom('refunds as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('invoices as i', 'i.payment_id', 'p.id')
    .select((eb) => [
      sql<string>`'refund'`.as('kind'),
      'r.id as id',
      'r.stripe_created_at as occurred_at',
      'r.status as status',
      'p.account_id as account_id',
      'a.name as account_name',
      eb.neg('r.amount_minor').as('amount_minor'),
      sql<number | null>`cast(null as bigint)`.as('fee_minor'),
      sql<number | null>`cast(null as bigint)`.as('net_minor'),
      'r.currency as currency',
      'p.id as payment_id',
      'i.id as invoice_id',
      'i.number as invoice_number',
      'r.id as stripe_id',
      'r.stripe_charge_id as charge_id',
      'p.stripe_payment_intent_id as payment_intent_id',
      eb
        .case()
        .when('r.status', 'in', ['succeeded', 'pending'])
        .then(eb.lit(1))
        .else(eb.lit(0))
        .end()
        .as('moved'),
    ]);
  const disputes = db
    .selectFrom('disputes as d')
    .innerJoin('payments as p', 'p.id', 'd.payment_id')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('invoices as i', 'i.payment_id', 'p.id')
    .select((eb) => [
      sql<string>`'dispute'`.as('kind'),
      'd.id as id',
      'd.stripe_created_at as occurred_at',
      'd.status as status',
      'p.account_id as account_id',
      'a.name as account_name',
      eb.neg('d.amount_minor').as('amount_minor'),
      sql<number | null>`cast(null as bigint)`.as('fee_minor'),
      sql<number | null>`cast(null as bigint)`.as('net_minor'),
      'd.currency as currency',
      'p.id as payment_id',
      'i.id as invoice_id',
      'i.number as invoice_number',
      'd.id as stripe_id',
      'd.stripe_charge_id as charge_id',
      'p.stripe_payment_intent_id as payment_intent_id',
      eb.case().when('d.status', '!=', 'won').then(eb.lit(1)).else(eb.lit(0)).end().as('moved'),
    ]);
  return { payment: payments, refund: refunds, dispute: disputes };
}

type Branch = ReturnType<typeof ledgerBranches>['payment'];

/** One kind's entries with the filters applied (the database flattens this onto its tables and indexes). */
function filteredBranch(db: Reads, branch: Branch, filter: LedgerFilter) {
  let query = db.selectFrom(branch.as('l')).selectAll('l');
  if (filter.fromIso) query = query.where('l.occurred_at', '>=', filter.fromIso);
  if (filter.toIso) query = query.where('l.occurred_at', '<', filter.toIso);
  if (filter.status) query = query.where('l.status', '=', filter.status);
  if (filter.currency) query = query.where('l.currency', '=', filter.currency);
  if (filter.accountId) query = query.where('l.account_id', '=', filter.accountId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        containsText(eb.ref('l.account_name'), q),
        eb('l.account_id', '=', q),
        eb('l.id', '=', q),
        eb('l.payment_id', '=', q),
        eb('l.invoice_number', '=', q),
        eb('l.stripe_id', '=', q),
        eb('l.payment_intent_id', '=', q),
      ]),
    );
  }
  return query;
}

function kindsOf(filter: LedgerFilter): ('payment' | 'refund' | 'dispute')[] {
  return filter.kind === 'all' ? ['payment', 'refund', 'dispute'] : [filter.kind];
}

export type LedgerRow = {
  kind: string;
  id: string;
  occurred_at: string;
  status: string;
  account_id: string;
  account_name: string;
  amount_minor: number;
  fee_minor: number | null;
  net_minor: number | null;
  currency: string;
  payment_id: string;
  invoice_id: string | null;
  invoice_number: string | null;
  stripe_id: string | null;
  charge_id: string | null;
  payment_intent_id: string;
  moved: number;
};

/**
 * One page, newest first, after a keyset position: each kind takes its own first `limit` entries in index
 * order, and the page is the first `limit` of those (so a page never sorts the whole ledger).
 */
export async function pageLedger(
  db: Reads,
  filter: LedgerFilter,
  after: LedgerPosition | null,
  limit: number,
): Promise<LedgerRow[]> {
  const branches = ledgerBranches(db);
  const parts = kindsOf(filter).map((kind) => {
    let query = filteredBranch(db, branches[kind], filter)
      .orderBy('l.occurred_at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(limit);
    if (after) {
      query = query.where((eb) =>
        eb(eb.refTuple('l.occurred_at', 'l.id'), '<', eb.tuple(after.occurredAt, after.id)),
      );
    }
    return db.selectFrom(query.as('k')).selectAll('k');
  });
  const [first, ...rest] = parts;
  if (!first) return [];
  const union = rest.reduce((all, part) => all.unionAll(part), first);
  return (await db
    .selectFrom(union.as('u'))
    .selectAll('u')
    .orderBy('u.occurred_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .execute()) as LedgerRow[];
}

/** Sums per kind and currency over everything the filter selects (not only one page). */
export async function ledgerTotals(db: Reads, filter: LedgerFilter) {
  const branches = ledgerBranches(db);
  const rows = [];
  for (const kind of kindsOf(filter)) {
    const part = filteredBranch(db, branches[kind], filter);
    rows.push(
      ...(await db
        .selectFrom(part.as('f'))
        .where('f.moved', '=', 1)
        .select((eb) => [
          'f.kind',
          'f.currency',
          eb.fn.countAll<number>().as('count'),
          eb.fn.sum<number>('f.amount_minor').as('amount_minor'),
          eb.fn.sum<number | null>('f.fee_minor').as('fee_minor'),
          eb.fn
            .sum<number>(
              eb.fn.coalesce(
                'f.net_minor',
                sql<number>`${eb.ref('f.amount_minor')} - coalesce(${eb.ref('f.fee_minor')}, 0)`,
              ),
            )
            .as('net_minor'),
        ])
        .groupBy(['f.kind', 'f.currency'])
        .orderBy('f.currency')
        .execute()),
    );
  }
  return rows;
}
