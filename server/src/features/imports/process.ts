// The import's work as a queued job: the dry run, then (when ops apply) the apply, each in chunks of
// MAX_BATCH_RECORDS rows through vendor-api's `applyRecords`. Each chunk's rows' outcomes and the import's
// counts and cursor are written in the transaction that applies the chunk's records (decision 025), so a
// restart resumes after the last chunk applied, with no chunk counted twice; then the runner's lease is renewed
// and the event loop gets a turn, so the server keeps serving. One runner per
// import at a time (a lease per import); a sweep re-queues imports left unfinished (start-up, every 30 s).

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TImportKind, TOutcome, TOutcomeCounts } from '@portal/shared/schemas/imports';
import { MAX_BATCH_RECORDS, type TFieldError, type TRecordResult } from '@portal/shared/schemas/vendor-api';
import { type AuditActor, recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { newId } from '../../platform/db/ids.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import type { JobEngine } from '../../platform/jobs/engine.ts';
import { tryTakeLease } from '../../platform/jobs/leases.ts';
import { applyRecords, type RecordBatch } from '../vendor-api/service.ts';
import { columnOfField } from './csv-file.ts';
import * as repo from './repo.ts';

export const IMPORT_JOB = 'import-process';
const SWEEP_JOB = 'imports-sweep';
const LEASE_TTL_MS = 60_000;
const STALE_UPLOAD_MS = 60 * 60_000;

export type ImportControl = {
  /** Checked between chunks: true stops after the chunk being recorded (the server is stopping). */
  isStopping(): boolean;
  /** Rows per chunk (tests use small chunks); at most MAX_BATCH_RECORDS. */
  chunkSize?: number;
};

const RUNNING: ImportControl = { isStopping: () => false };

const zeroCounts = (): TOutcomeCounts => ({ created: 0, updated: 0, unchanged: 0, refused: 0 });

/**
 * Works through the import's current phase until it is done or `control` says stop. Returns without doing
 * anything when another runner holds the import's lease. Failures mark the import failed with the message.
 */
export async function processImport(
  deps: AppDeps,
  importId: string,
  control: ImportControl = RUNNING,
): Promise<void> {
  const lease = await tryTakeLease(deps.db, {
    name: `import:${importId}`,
    owner: newId('proc'),
    ttlMs: LEASE_TTL_MS,
  });
  if (!lease) return;
  try {
    for (;;) {
      const found = await repo.findImport(deps.db, importId);
      if (!found || (found.state !== 'checking' && found.state !== 'applying')) return;
      const isMore = await processChunk(deps, found, control.chunkSize ?? MAX_BATCH_RECORDS);
      if (!(await lease.renew()) || control.isStopping()) return;
      // Let the server serve between chunks; a phase just finished loops once more to see the new state.
      if (isMore) await nextTurn();
    }
  } catch (err) {
    deps.logger.error({ err, importId }, 'import failed');
    await repo.updateImport(deps.db, importId, {
      state: 'failed',
      error: err instanceof Error ? err.message : String(err),
      finished_at: deps.clock.now().toISOString(),
      updated_at: deps.clock.now().toISOString(),
    });
  } finally {
    await lease.release();
  }
}

const RECORDS_KEY: Record<TImportKind, keyof RecordBatch> = {
  accounts: 'accounts',
  contacts: 'contacts',
  subscriptions: 'subscriptions',
};

/** One chunk of the import's phase; false when the phase has no rows left (and is now finished). */
async function processChunk(deps: AppDeps, found: repo.ImportRecord, chunkSize: number): Promise<boolean> {
  const isDryRun = found.state === 'checking';
  const kind = found.kind as TImportKind;
  const done = isDryRun ? found.checked_rows : found.applied_rows;
  // Rows are numbered 2… (the header is row 1) without gaps, so the cursor is the count of rows done.
  const rows = await repo.listRowsAfter(deps.db, {
    importId: found.id,
    afterRow: done + 1,
    limit: chunkSize,
  });
  if (rows.length === 0) {
    await finishPhase(deps, found);
    return false;
  }
  const toApply = rows.filter((r) => r.record_json !== null);
  const records = toApply.map((r) => fromJson<object>(r.record_json, {}));
  /** The chunk's outcomes on its rows and its counts on the import, in the transaction of its records. */
  const recordChunk = async (tx: DbOrTx, results: readonly TRecordResult[]) => {
    if (results.length !== toApply.length) {
      throw new Error(`applyRecords answered ${results.length} results for ${toApply.length} records`);
    }
    const current = await repo.lockImport(tx, found.id);
    const currentDone = isDryRun ? current?.checked_rows : current?.applied_rows;
    // Another runner recorded this chunk already (this one lost its lease mid-chunk): keep theirs.
    if (!current || current.state !== found.state || currentDone !== done) throw new ChunkTaken();
    const outcomeOf = new Map(toApply.map((r, i) => [r.row_number, results[i]]));
    const counts = zeroCounts();
    const outcomes = rows.map((row) => {
      const result = outcomeOf.get(row.row_number);
      const outcome: TOutcome = result?.outcome ?? 'refused';
      counts[outcome]++;
      const errors: TFieldError[] | null = result
        ? result.errors.length
          ? result.errors.map((e) => ({ field: columnOfField(kind, e.field), message: e.message }))
          : null
        : fromJson<TFieldError[]>(row.errors_json, []);
      return { rowNumber: row.row_number, outcome, errorsJson: errors ? toJson(errors) : null };
    });
    await repo.recordOutcomes(tx, {
      importId: found.id,
      column: isDryRun ? 'dry_outcome' : 'outcome',
      rows: outcomes,
    });
    await repo.addProgress(tx, {
      importId: found.id,
      phase: isDryRun ? 'dry' : 'apply',
      rowsDone: rows.length,
      counts,
      updatedAt: deps.clock.now().toISOString(),
    });
  };
  try {
    if (toApply.length) {
      await applyRecords(
        deps,
        actorOf(found, isDryRun),
        { [RECORDS_KEY[kind]]: records },
        { dryRun: isDryRun, inTransaction: recordChunk },
      );
    } else {
      await deps.db.transaction().execute((tx) => recordChunk(tx, []));
    }
  } catch (err) {
    if (!(err instanceof ChunkTaken)) throw err;
  }
  return true;
}

/** Thrown inside a chunk's transaction when another runner recorded the chunk first: nothing is kept. */
class ChunkTaken extends Error {}

function actorOf(found: repo.ImportRecord, isDryRun: boolean): AuditActor {
  const userId = isDryRun ? found.created_by_user_id : found.applied_by_user_id;
  const label = isDryRun ? found.created_by_label : (found.applied_by_label ?? found.created_by_label);
  return { userId, label: `${label} (import ${found.id})` };
}

async function finishPhase(deps: AppDeps, found: repo.ImportRecord): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const current = await repo.lockImport(tx, found.id);
    if (!current || current.state !== found.state) return;
    const now = deps.clock.now();
    if (current.state === 'checking') {
      await repo.updateImport(tx, found.id, { state: 'checked', updated_at: now.toISOString() });
      return;
    }
    await repo.updateImport(tx, found.id, {
      state: 'applied',
      finished_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await recordAudit(tx, {
      actor: actorOf(current, false),
      accountId: null,
      entityType: 'import',
      entityId: found.id,
      action: 'import.applied',
      after: {
        kind: current.kind,
        fileName: current.file_name,
        created: current.created,
        updated: current.updated,
        unchanged: current.unchanged,
        refused: current.refused,
      },
      at: now,
    });
  });
}

/** Queues every unfinished import (one job per import), and fails uploads whose request never finished. */
export async function sweepImports(deps: AppDeps, jobs: JobEngine): Promise<number> {
  const now = deps.clock.now();
  for (const stale of await repo.listStaleUploads(
    deps.db,
    new Date(now.getTime() - STALE_UPLOAD_MS).toISOString(),
  )) {
    await repo.updateImport(deps.db, stale.id, {
      state: 'failed',
      error: 'The upload did not finish (the server stopped while reading the file).',
      updated_at: now.toISOString(),
    });
  }
  const unfinished = await repo.listUnfinished(deps.db);
  for (const { id } of unfinished) await jobs.enqueue(IMPORT_JOB, { importId: id }, { singletonKey: id });
  return unfinished.length;
}

/**
 * The import jobs: the one-off work per import and the sweep. `stop()` (before the engine's own stop) makes
 * running imports stop after their current chunk, so shutting down does not wait for a whole file.
 */
export function registerImportJobs(
  jobs: JobEngine,
  deps: AppDeps,
  options: { chunkSize?: number } = {},
): { stop(): void; sweepNow(): Promise<number> } {
  let isStopping = false;
  const control: ImportControl = {
    isStopping: () => isStopping,
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
  };
  jobs.define<{ importId: string }>({
    name: IMPORT_JOB,
    run: ({ importId }) => processImport(deps, importId, control),
  });
  jobs.schedule({ name: SWEEP_JOB, schedule: { every: 30_000 }, run: () => sweepImports(deps, jobs) });
  return {
    stop: () => {
      isStopping = true;
    },
    sweepNow: () => sweepImports(deps, jobs),
  };
}
