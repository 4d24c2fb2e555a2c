// SQL of CSV imports: the `imports` rows (one per uploaded file) and their `import_rows`.

import type { TOutcome, TOutcomeCounts } from '@portal/shared/schemas/imports';
import type { Insertable, Selectable } from 'kysely';
import type { ImportRowTable, ImportTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

type ImportsDb = DbOf<'imports' | 'import_rows'>;
export type ImportRecord = Selectable<ImportTable>;
export type ImportRowRecord = Selectable<ImportRowTable>;

export async function insertImport(db: ImportsDb, row: Insertable<ImportTable>): Promise<void> {
  await db.insertInto('imports').values(row).execute();
}

export async function insertRows(db: ImportsDb, rows: Insertable<ImportRowTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('import_rows').values(rows).execute();
}

export function findImport(db: ImportsDb, id: string): Promise<ImportRecord | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The import, locked for this transaction (read-then-write: applying, recording a chunk). */
export function lockImport(db: ImportsDb, id: string): Promise<ImportRecord | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listImports(db: ImportsDb, limit: number): Promise<ImportRecord[]> {
  return db
    .selectFrom('imports')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Imports a job still has to work on (the dry run or the apply did not finish). */
export async function listUnfinished(db: ImportsDb): Promise<{ id: string }[]> {
  return db.selectFrom('imports').select('id').where('state', 'in', ['checking', 'applying']).execute();
}

export async function updateImport(
  db: ImportsDb,
  id: string,
  set: Partial<Omit<ImportRecord, 'id'>>,
): Promise<void> {
  await db.updateTable('imports').set(set).where('id', '=', id).execute();
}

/** Rows after `afterRow` in order, `limit` of them (the next chunk). */
export function listRowsAfter(
  db: ImportsDb,
  input: { importId: string; afterRow: number; limit: number },
): Promise<ImportRowRecord[]> {
  return db
    .selectFrom('import_rows')
    .selectAll()
    .where('import_id', '=', input.importId)
    .where('row_number', '>', input.afterRow)
    .orderBy('row_number')
    .limit(input.limit)
    .execute();
}

export type RowFilter = { importId: string; column: 'dry_outcome' | 'outcome'; outcome?: TOutcome };

export async function countRows(db: ImportsDb, filter: RowFilter): Promise<number> {
  let query = db
    .selectFrom('import_rows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', filter.importId);
  if (filter.outcome) query = query.where(filter.column, '=', filter.outcome);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export function pageRows(
  db: ImportsDb,
  filter: RowFilter & { offset: number; limit: number },
): Promise<ImportRowRecord[]> {
  let query = db.selectFrom('import_rows').selectAll().where('import_id', '=', filter.importId);
  if (filter.outcome) query = query.where(filter.column, '=', filter.outcome);
  return query.orderBy('row_number').offset(filter.offset).limit(filter.limit).execute();
}

/** Refused rows in order, `limit` after `afterRow` (the errors CSV, read in pages). */
export function listRefusedAfter(
  db: ImportsDb,
  input: { importId: string; column: 'dry_outcome' | 'outcome'; afterRow: number; limit: number },
): Promise<ImportRowRecord[]> {
  return db
    .selectFrom('import_rows')
    .selectAll()
    .where('import_id', '=', input.importId)
    .where(input.column, '=', 'refused')
    .where('row_number', '>', input.afterRow)
    .orderBy('row_number')
    .limit(input.limit)
    .execute();
}

/**
 * Records a chunk's outcomes: one statement per outcome for the rows without errors, one per row with errors.
 */
export async function recordOutcomes(
  db: ImportsDb,
  input: {
    importId: string;
    column: 'dry_outcome' | 'outcome';
    rows: { rowNumber: number; outcome: TOutcome; errorsJson: string | null }[];
  },
): Promise<void> {
  const plain = new Map<TOutcome, number[]>();
  for (const row of input.rows) {
    if (row.errorsJson !== null) {
      await db
        .updateTable('import_rows')
        .set({ [input.column]: row.outcome, errors_json: row.errorsJson })
        .where('import_id', '=', input.importId)
        .where('row_number', '=', row.rowNumber)
        .execute();
      continue;
    }
    const list = plain.get(row.outcome) ?? [];
    list.push(row.rowNumber);
    plain.set(row.outcome, list);
  }
  for (const [outcome, rowNumbers] of plain) {
    await db
      .updateTable('import_rows')
      .set({ [input.column]: outcome, errors_json: '[]' })
      .where('import_id', '=', input.importId)
      .where('row_number', 'in', rowNumbers)
      .execute();
  }
}

/** Adds a chunk's counts and moves the cursor (in the chunk's transaction). */
export async function addProgress(
  db: ImportsDb,
  input: {
    importId: string;
    phase: 'dry' | 'apply';
    rowsDone: number;
    counts: TOutcomeCounts;
    updatedAt: string;
  },
): Promise<void> {
  const { counts } = input;
  await db
    .updateTable('imports')
    .set((eb) =>
      input.phase === 'dry'
        ? {
            checked_rows: eb('checked_rows', '+', input.rowsDone),
            dry_created: eb('dry_created', '+', counts.created),
            dry_updated: eb('dry_updated', '+', counts.updated),
            dry_unchanged: eb('dry_unchanged', '+', counts.unchanged),
            dry_refused: eb('dry_refused', '+', counts.refused),
            updated_at: input.updatedAt,
          }
        : {
            applied_rows: eb('applied_rows', '+', input.rowsDone),
            created: eb('created', '+', counts.created),
            updated: eb('updated', '+', counts.updated),
            unchanged: eb('unchanged', '+', counts.unchanged),
            refused: eb('refused', '+', counts.refused),
            updated_at: input.updatedAt,
          },
    )
    .where('id', '=', input.importId)
    .execute();
}

/** Removes an import and its rows (a file refused part-way through reading). */
export async function deleteImport(db: ImportsDb, id: string): Promise<void> {
  await db.deleteFrom('import_rows').where('import_id', '=', id).execute();
  await db.deleteFrom('imports').where('id', '=', id).execute();
}

/** Uploads whose request ended without finishing (the process stopped): older than `before`. */
export function listStaleUploads(db: ImportsDb, before: string): Promise<{ id: string }[]> {
  return db
    .selectFrom('imports')
    .select('id')
    .where('state', '=', 'uploading')
    .where('updated_at', '<', before)
    .execute();
}
