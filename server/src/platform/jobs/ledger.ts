// The job ledger: every action a job takes (send this notice, make this charge) is recorded under a unique key
// BEFORE it is taken. A second runner, or the same run repeated, finds the key and does not act again. A runner
// that dies after recording leaves a claim with a lease; once the lease ends, the next run takes the claim
// over and resumes the action, which is safe because the action itself is idempotent (an e-mail's dedupe key,
// a charge's idempotency key). The ledger knows no feature: keys and outcomes are the caller's.

import type { DbOrTx } from '../db/connection.ts';
import { toJson } from '../db/json.ts';
import * as repo from './ledger-repo.ts';

export const DEFAULT_LEASE_MS = 10 * 60_000;

export type ClaimResult =
  /** Recorded now: act. */
  | { kind: 'claimed'; attempts: 1 }
  /** Recorded earlier by a runner that stopped before finishing: act again, idempotently. */
  | { kind: 'resumed'; attempts: number; previousDetail: string | null }
  /** Already done: do nothing. */
  | { kind: 'done'; outcome: string | null }
  /** Another runner holds it right now: leave it. */
  | { kind: 'busy' };

export type ClaimInput = { key: string; job: string; runId: string; now: Date; leaseMs?: number };

/**
 * Records the action under its key before anything is done. Inside the caller's transaction when given one,
 * so that the claim commits together with whatever marks the action as started.
 */
export async function claimAction(db: DbOrTx, input: ClaimInput): Promise<ClaimResult> {
  const nowIso = input.now.toISOString();
  const leaseUntilIso = new Date(input.now.getTime() + (input.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  const isInserted = await repo.insertEntry(db, {
    key: input.key,
    job: input.job,
    run_id: input.runId,
    status: 'claimed',
    attempts: 1,
    claimed_at: nowIso,
    lease_until: leaseUntilIso,
    finished_at: null,
    outcome: null,
    detail_json: null,
  });
  if (isInserted) return { kind: 'claimed', attempts: 1 };
  const entry = await repo.findEntry(db, input.key);
  if (!entry) return { kind: 'busy' };
  if (entry.status === 'done') return { kind: 'done', outcome: entry.outcome };
  if (await repo.takeOverExpired(db, input.key, { runId: input.runId, nowIso, leaseUntilIso })) {
    return { kind: 'resumed', attempts: entry.attempts + 1, previousDetail: entry.detail_json };
  }
  return { kind: 'busy' };
}

/**
 * The runner is alive (its heartbeat): every claim it holds is leased for another `leaseMs`. A runner that
 * renews its claims can lease them briefly (the job lease's ttl), so a runner killed with -9 leaves them to
 * the next run within that ttl instead of a fixed ten minutes (decision 023).
 */
export async function extendClaims(db: DbOrTx, runId: string, input: { now: Date; leaseMs: number }) {
  await repo.extendClaimsOf(db, runId, new Date(input.now.getTime() + input.leaseMs).toISOString());
}

/** The action finished (whatever its outcome): it will never be taken again under this key. */
export async function completeAction(
  db: DbOrTx,
  key: string,
  input: { outcome: string; detail?: unknown; now: Date },
): Promise<void> {
  await repo.markDone(db, key, {
    outcome: input.outcome,
    detailJson: input.detail === undefined ? null : toJson(input.detail),
    nowIso: input.now.toISOString(),
  });
}

/** The action could not finish for a passing reason: the next run resumes it at once. */
export async function releaseAction(db: DbOrTx, key: string, input: { reason: string; now: Date }) {
  await repo.releaseLease(db, key, {
    nowIso: input.now.toISOString(),
    detailJson: toJson({ released: input.reason }),
  });
}

export async function findAction(db: DbOrTx, key: string) {
  return repo.findEntry(db, key);
}
