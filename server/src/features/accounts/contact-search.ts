// Which accounts have a contact matching a search term, as sub-queries another feature's search embeds in its
// own single statement (the ops workspace's account search, decisions 021 and 026). The SQL on `users` (auth's,
// read only) and `invitations` stays here; nothing is run until the caller's query runs.

import type { ReadsOf } from '../../platform/db/slice.ts';

type Db = ReadsOf<'users' | 'invitations'>;

/**
 * Account ids with a user whose e-mail starts with the term (a range on the unique e-mail index) or an
 * invitation to exactly that address. Each is one `account_id` column, for `id IN (…)`.
 */
export function contactAccountIdQueries(db: Db, term: string) {
  const lowered = term.toLowerCase();
  return [
    db
      .selectFrom('users')
      .select('users.account_id')
      .where('users.email', '>=', lowered)
      .where('users.email', '<', `${lowered}\uffff`)
      .where('users.account_id', 'is not', null)
      .$narrowType<{ account_id: string }>(),
    db.selectFrom('invitations').select('invitations.account_id').where('invitations.email', '=', lowered),
  ] as const;
}

export type ContactAccountIdQuery = ReturnType<typeof contactAccountIdQueries>[number];
