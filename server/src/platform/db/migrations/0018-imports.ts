// Issue 13 item 4: CSV imports. `imports` is one uploaded file (its kind, who, when, state, the dry run's and
// the apply's counts, how far each has gone); `import_rows` is each data row as parsed (its record, its
// cells for the errors CSV) with what the dry run says and what the apply did. The apply's cursor
// (`applied_rows`) and the rows' outcomes are written in one transaction per chunk, so a restart resumes
// after the last chunk recorded.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'accounts' | 'contacts' | 'subscriptions'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'integer', (c) => c.notNull())
    // 'checking' | 'checked' | 'applying' | 'applied' | 'failed'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_by_user_id', 'text')
    .addColumn('applied_by_label', 'text')
    .addColumn('applied_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('checked_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applied_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dry_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dry_updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dry_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dry_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('imports_created_idx').on('imports').columns(['created_at']).execute();
  await db.schema.createIndex('imports_state_idx').on('imports').columns(['state']).execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    // The spreadsheet's row number (the header is row 1).
    .addColumn('row_number', 'integer', (c) => c.notNull())
    // The record's key (external id, or account/e-mail for a contact); null when the row could not be read.
    .addColumn('record_key', 'text')
    // The record as validated (JSON), or null when the row was refused while reading the file.
    .addColumn('record_json', 'text')
    // The row's cells as uploaded (JSON array), for the errors CSV.
    .addColumn('cells_json', 'text', (c) => c.notNull())
    // 'created' | 'updated' | 'unchanged' | 'refused'; null until the dry run / the apply reached the row.
    .addColumn('dry_outcome', 'text')
    .addColumn('outcome', 'text')
    // [{ field, message }] of the latest outcome.
    .addColumn('errors_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'row_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_rows').execute();
  await db.schema.dropTable('imports').execute();
}
