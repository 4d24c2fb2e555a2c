// CSV imports for ops (issue 13 item 4): the template of each kind, an upload stored row by row, a dry run
// and an apply that go through vendor-api's `applyRecords` chunk by chunk as queued jobs (process.ts), the
// rows' outcomes page by page, the history and the errors CSV. Every start and apply is audited.

import { CSV_BOM, csvRow, toCsv } from '@portal/shared/csv';
import {
  IMPORT_COLUMNS,
  type TImport,
  type TImportKind,
  type TImportRow,
  type TImportState,
  type TOutcome,
} from '@portal/shared/schemas/imports';
import type { TFieldError } from '@portal/shared/schemas/vendor-api';
import { type AuditActor, recordAudit } from '../../platform/audit/service.ts';
import { newId } from '../../platform/db/ids.ts';
import { fromJson, toJson } from '../../platform/db/json.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { readImportFile } from './csv-file.ts';
import { IMPORT_JOB, processImport } from './process.ts';
import * as repo from './repo.ts';

const actorOf = (user: SessionUser): AuditActor => ({ userId: user.id, label: user.email });

/** The template: the header and one example row (UTF-8 with a byte-order mark, for spreadsheets). */
export function importTemplate(kind: TImportKind): { fileName: string; csv: string } {
  const columns = IMPORT_COLUMNS[kind];
  return {
    fileName: `${kind}-template.csv`,
    csv:
      CSV_BOM +
      toCsv(
        columns.map((c) => c.name),
        [columns.map((c) => c.example)],
      ),
  };
}

/**
 * Stores an uploaded file's rows (each validated, duplicates within the file refused) and queues its dry run.
 * Rows are written in batches outside one long transaction, so the server keeps serving while a big file is
 * read; a file refused part-way is removed again. Throws AppError('rule_violated') for a file it cannot read.
 */
export async function startImport(
  deps: AppDeps,
  user: SessionUser,
  input: { kind: TImportKind; fileName: string; body: AsyncIterable<Uint8Array> },
): Promise<TImport> {
  const id = newId('imp');
  const now = deps.clock.now().toISOString();
  await repo.insertImport(deps.db, {
    id,
    kind: input.kind,
    file_name: input.fileName,
    file_bytes: 0,
    state: 'uploading',
    created_by_user_id: user.id,
    created_by_label: user.email,
    created_at: now,
    updated_at: now,
    total_rows: 0,
    applied_by_user_id: null,
    applied_by_label: null,
    applied_at: null,
    finished_at: null,
    error: null,
  });
  let bytes = 0;
  async function* counted() {
    for await (const chunk of input.body) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  }
  let rows: number;
  try {
    ({ rows } = await readImportFile(input.kind, counted(), (batch) =>
      repo.insertRows(
        deps.db,
        batch.map((row) => ({
          import_id: id,
          row_number: row.rowNumber,
          record_key: row.key,
          record_json: row.record ? toJson(row.record) : null,
          cells_json: toJson(row.cells),
          dry_outcome: null,
          outcome: null,
          errors_json: toJson(row.errors),
        })),
      ),
    ));
  } catch (err) {
    await repo.deleteImport(deps.db, id);
    throw err;
  }
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateImport(tx, id, {
      state: 'checking',
      total_rows: rows,
      file_bytes: bytes,
      updated_at: deps.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      actor: actorOf(user),
      accountId: null,
      entityType: 'import',
      entityId: id,
      action: 'import.started',
      after: { kind: input.kind, fileName: input.fileName, rows, bytes },
      at: deps.clock.now(),
    });
  });
  await queueProcessing(deps, id);
  return getImport(deps, id);
}

/** Queues the import's next phase (dry run or apply) as a job; without a job engine, runs it here. */
async function queueProcessing(deps: AppDeps, importId: string): Promise<void> {
  if (deps.jobs) {
    await deps.jobs.enqueue(IMPORT_JOB, { importId }, { singletonKey: importId });
    return;
  }
  void processImport(deps, importId).catch((err) =>
    deps.logger.error({ err, importId }, 'import processing failed'),
  );
}

/** Applies a checked import: audited, then queued (the job works in chunks and resumes after a restart). */
export async function applyImport(deps: AppDeps, user: SessionUser, id: string): Promise<TImport> {
  await deps.db.transaction().execute(async (tx) => {
    const found = await repo.lockImport(tx, id);
    if (!found) throw notFound('No such import.');
    if (found.state !== 'checked') {
      throw new AppError(
        'conflict',
        'This import cannot be applied now: its dry run is not done, or it was applied.',
      );
    }
    const now = deps.clock.now();
    await repo.updateImport(tx, id, {
      state: 'applying',
      applied_by_user_id: user.id,
      applied_by_label: user.email,
      applied_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await recordAudit(tx, {
      actor: actorOf(user),
      accountId: null,
      entityType: 'import',
      entityId: id,
      action: 'import.apply_requested',
      after: { kind: found.kind, fileName: found.file_name, rows: found.total_rows },
      at: now,
    });
  });
  await queueProcessing(deps, id);
  return getImport(deps, id);
}

export function toImport(row: repo.ImportRecord): TImport {
  return {
    id: row.id,
    kind: row.kind as TImportKind,
    fileName: row.file_name,
    state: (row.state === 'uploading' ? 'checking' : row.state) as TImportState,
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    appliedBy: row.applied_by_label,
    appliedAt: row.applied_at,
    finishedAt: row.finished_at,
    totalRows: row.total_rows,
    checkedRows: row.checked_rows,
    appliedRows: row.applied_rows,
    dryRun: {
      created: row.dry_created,
      updated: row.dry_updated,
      unchanged: row.dry_unchanged,
      refused: row.dry_refused,
    },
    result: { created: row.created, updated: row.updated, unchanged: row.unchanged, refused: row.refused },
    error: row.error,
  };
}

export async function getImport(deps: AppDeps, id: string): Promise<TImport> {
  const row = await repo.findImport(deps.db, id);
  if (!row) throw notFound('No such import.');
  return toImport(row);
}

/** The import history, newest first. */
export async function listImports(deps: AppDeps): Promise<TImport[]> {
  return (await repo.listImports(deps.db, 100)).map(toImport);
}

const isApplyPhase = (state: string) => state === 'applying' || state === 'applied';

/** One page of the rows with what the dry run says (and, once applied, what the apply did). */
export async function listImportRows(
  deps: AppDeps,
  id: string,
  query: { outcome?: TOutcome | undefined; page: number; pageSize: number },
): Promise<{ rows: TImportRow[]; total: number; page: number; pageSize: number }> {
  const found = await repo.findImport(deps.db, id);
  if (!found) throw notFound('No such import.');
  const filter: repo.RowFilter = {
    importId: id,
    column: isApplyPhase(found.state) && found.state === 'applied' ? 'outcome' : 'dry_outcome',
    ...(query.outcome ? { outcome: query.outcome } : {}),
  };
  const [total, rows] = await Promise.all([
    repo.countRows(deps.db, filter),
    repo.pageRows(deps.db, { ...filter, offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
  ]);
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    rows: rows.map((r) => ({
      row: r.row_number,
      key: r.record_key,
      dryOutcome: r.dry_outcome as TOutcome | null,
      outcome: r.outcome as TOutcome | null,
      errors: fromJson<TFieldError[]>(r.errors_json, []),
    })),
  };
}

/**
 * The refused rows as CSV (the apply's once applied, else the dry run's): row, reasons, then the row's cells
 * as uploaded. Every cell goes through csvCell, so a cell starting with = + - @ tab or CR cannot run as a
 * formula in the spreadsheet that opens it. Produced page by page.
 */
export async function importErrorsCsv(
  deps: AppDeps,
  id: string,
): Promise<{ fileName: string; chunks: AsyncGenerator<string> }> {
  const found = await repo.findImport(deps.db, id);
  if (!found) throw notFound('No such import.');
  const kind = found.kind as TImportKind;
  const column = found.state === 'applied' ? 'outcome' : 'dry_outcome';
  async function* chunks() {
    yield CSV_BOM + csvRow(['row', 'errors', ...IMPORT_COLUMNS[kind].map((c) => c.name)]);
    let afterRow = 0;
    for (;;) {
      const page = await repo.listRefusedAfter(deps.db, { importId: id, column, afterRow, limit: 1000 });
      if (page.length === 0) return;
      let text = '';
      for (const row of page) {
        const errors = fromJson<TFieldError[]>(row.errors_json, [])
          .map((e) => `${e.field}: ${e.message}`)
          .join('; ');
        text += csvRow([row.row_number, errors, ...fromJson<string[]>(row.cells_json, [])]);
        afterRow = row.row_number;
      }
      yield text;
    }
  }
  const base = found.file_name.replace(/\.csv$/i, '');
  return { fileName: `${base}-errors.csv`, chunks: chunks() };
}

export { registerImportJobs } from './process.ts';
