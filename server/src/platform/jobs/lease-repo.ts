// SQL of the job leases. Portable Kysely: a take-over is an update guarded by expiry or ownership, a first
// take an insert that the primary key refuses to a second taker, so the same code holds on PostgreSQL.

import type { DbOrTx } from '../db/connection.ts';

/** Takes the lease (or renews it for its owner) until `untilMs`; false when another owner holds it. */
export async function takeLease(
  db: DbOrTx,
  lease: { name: string; owner: string; nowMs: number; untilMs: number },
): Promise<boolean> {
  const updated = await db
    .updateTable('job_leases')
    .set({ owner: lease.owner, expires_at_ms: lease.untilMs })
    .where('name', '=', lease.name)
    .where((eb) => eb.or([eb('expires_at_ms', '<=', lease.nowMs), eb('owner', '=', lease.owner)]))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return true;
  const inserted = await db
    .insertInto('job_leases')
    .values({ name: lease.name, owner: lease.owner, expires_at_ms: lease.untilMs })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Moves the owner's lease end (to now: released; later: kept after the work ended). */
export async function setLeaseEnd(
  db: DbOrTx,
  lease: { name: string; owner: string; untilMs: number },
): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ expires_at_ms: lease.untilMs })
    .where('name', '=', lease.name)
    .where('owner', '=', lease.owner)
    .execute();
}

export async function findLease(db: DbOrTx, name: string) {
  return db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst();
}
