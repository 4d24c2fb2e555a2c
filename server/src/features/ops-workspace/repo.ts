// The account search's read model (decision 021): one keyset query over accounts, their contacts and their
// subscriptions, because a page of 25 out of 100,000 cannot be assembled from three services' lists. It only
// reads; every write goes through the owning feature's service. The contacts' part is the accounts feature's
// SQL (`contactAccountIdQueries`, decision 026), embedded as sub-queries: this repo names no users or
// invitations table. Ordered by (name, id), served by the
// (name, id) and (currency, name, id) indexes of migration 0020.

import type { ReadsOf } from '../../platform/db/slice.ts';
import { containsText } from '../../platform/db/text-search.ts';
import type { ContactAccountIdQuery } from '../accounts/service.ts';

/** The ops workspace owns no table: it reads accounts' and subscriptions' rows to search them (decision 015). */
type Db = ReadsOf<'accounts' | 'subscriptions'>;

export type AccountKey = { name: string; id: string };

export type AccountFilter = {
  q?: string;
  /** With `q`: the accounts' service's sub-queries for accounts whose contacts match it (run inside this one). */
  contactMatches?: readonly ContactAccountIdQuery[];
  currency?: string;
  status?: 'active' | 'grace' | 'inactive';
  /** Term ends in [firstTermEnd, lastTermEnd] for a subscription not cancelled. */
  termEndRange?: { first: string; last: string };
  today: string;
  /** The first term end still in grace (today − grace + 1). */
  graceFrom: string;
};

export async function searchAccounts(db: Db, filter: AccountFilter, after: AccountKey | null, limit: number) {
  const { q, today, graceFrom } = filter;
  return db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.name', 'a.currency', 'a.country', 'a.external_id'])
    .$if(Boolean(q), (query) =>
      query.where((eb) => {
        const term = q as string;
        return eb.or([
          containsText(eb.ref('a.name'), term),
          eb('a.id', '=', term),
          // A contact's or invitee's e-mail (the accounts feature's SQL, embedded: still one statement).
          ...(filter.contactMatches ?? []).map((ids) => eb('a.id', 'in', ids)),
          // The vendor's external id (migration 0016).
          eb('a.external_id', '=', term),
        ]);
      }),
    )
    .$if(Boolean(filter.currency), (query) => query.where('a.currency', '=', filter.currency as string))
    .$if(filter.termEndRange !== undefined, (query) =>
      query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('subscriptions as s')
            .select('s.id')
            .whereRef('s.account_id', '=', 'a.id')
            .where('s.cancelled_at', 'is', null)
            .where('s.term_end', '>=', filter.termEndRange?.first ?? '')
            .where('s.term_end', '<=', filter.termEndRange?.last ?? ''),
        ),
      ),
    )
    .$if(filter.status !== undefined, (query) =>
      query.where((eb) => {
        const inService = eb.exists(
          eb
            .selectFrom('subscriptions as s')
            .select('s.id')
            .whereRef('s.account_id', '=', 'a.id')
            .where('s.term_end', '>', today),
        );
        const inGrace = eb.exists(
          eb
            .selectFrom('subscriptions as s')
            .select('s.id')
            .whereRef('s.account_id', '=', 'a.id')
            .where('s.cancelled_at', 'is', null)
            .where('s.term_end', '>=', graceFrom)
            .where('s.term_end', '<=', today),
        );
        if (filter.status === 'active') return inService;
        if (filter.status === 'grace') return eb.and([eb.not(inService), inGrace]);
        return eb.and([eb.not(inService), eb.not(inGrace)]);
      }),
    )
    .$if(after !== null, (query) =>
      query.where((eb) => {
        const key = after as AccountKey;
        return eb.or([
          eb('a.name', '>', key.name),
          eb.and([eb('a.name', '=', key.name), eb('a.id', '>', key.id)]),
        ]);
      }),
    )
    .orderBy('a.name')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** The subscriptions of a page of accounts (status, next term end and health of each row). */
export async function subscriptionsOfAccounts(db: Db, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom('subscriptions')
    .select(['id', 'account_id', 'seats', 'term_end', 'cancelled_at'])
    .where('account_id', 'in', accountIds)
    .execute();
}
