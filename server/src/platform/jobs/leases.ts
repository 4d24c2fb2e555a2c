// Leases: "one holder at a time" across every process on the database (the server, `pnpm renewals:run`,
// other instances). A holder takes a named lease for a while and renews it while it works; if it dies the
// lease runs out and another may take it. Used by the in-process job adapter (one run of a job at a time,
// once per interval) and by work that must not overlap whoever starts it (the finance sync). Leases run on
// real time, never on the demo clock: they are about processes being alive.

import type { DbOrTx } from '../db/connection.ts';
import * as repo from './lease-repo.ts';

export type RealTime = () => number;
export const realTime: RealTime = () => Date.now();

export type Lease = {
  name: string;
  owner: string;
  /** Renews the lease for another `ttlMs`; false when it was lost (expired and taken by another). */
  renew(db?: DbOrTx): Promise<boolean>;
  /** Ends the lease now, or keeps it (unrenewed) until `untilMs` (an interval job: not again before). */
  release(options?: { keepUntilMs?: number }): Promise<void>;
};

export async function tryTakeLease(
  db: DbOrTx,
  input: { name: string; owner: string; ttlMs: number; now?: RealTime },
): Promise<Lease | null> {
  const now = input.now ?? realTime;
  const take = (on: DbOrTx) => {
    const nowMs = now();
    return repo.takeLease(on, { name: input.name, owner: input.owner, nowMs, untilMs: nowMs + input.ttlMs });
  };
  if (!(await take(db))) return null;
  return {
    name: input.name,
    owner: input.owner,
    renew: (on = db) => take(on),
    release: async (options = {}) => {
      const untilMs = Math.max(now(), options.keepUntilMs ?? 0);
      await repo.setLeaseEnd(db, { name: input.name, owner: input.owner, untilMs });
    },
  };
}

/** Whether someone holds the lease right now. */
export async function isLeaseHeld(db: DbOrTx, name: string, now: RealTime = realTime): Promise<boolean> {
  const lease = await repo.findLease(db, name);
  return lease !== undefined && Number(lease.expires_at_ms) > now();
}

/**
 * Renews a held lease every third of its ttl while the holder's process is alive (its event loop turns), so a
 * long piece of work keeps it however long it takes, and a holder killed with -9 loses it within one ttl.
 * `onLost` hears when a renewal found the lease taken by another (expired while this process stalled).
 */
export function keepLeaseAlive(
  lease: Lease,
  ttlMs: number,
  onLost: (error?: unknown) => void = () => {},
): { stop(): void } {
  const beat = setInterval(() => {
    void lease.renew().then(
      (isHeld) => isHeld || onLost(),
      (error) => onLost(error),
    );
  }, ttlMs / 3);
  beat.unref();
  return { stop: () => clearInterval(beat) };
}
