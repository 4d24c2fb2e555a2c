// Reading an uploaded CSV file, streamed: bytes → UTF-8 text (anything else refused) → csv-parse → one
// validated record per row, handed on in batches. File-level problems (not UTF-8, not CSV, missing or unknown
// columns, too many rows) refuse the whole file; row-level ones (a bad value, a duplicate id) refuse the row
// with the field and the reason, and the rest of the file goes on.

import { Readable } from 'node:stream';
import {
  IMPORT_COLUMNS,
  type ImportColumn,
  MAX_IMPORT_ROWS,
  type TImportKind,
} from '@portal/shared/schemas/imports';
import {
  type TFieldError,
  ZAccountRecord,
  ZContactRecord,
  ZSubscriptionRecord,
} from '@portal/shared/schemas/vendor-api';
import { parse } from 'csv-parse';
import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';

const SCHEMAS: Record<TImportKind, z.ZodType> = {
  accounts: ZAccountRecord,
  contacts: ZContactRecord,
  subscriptions: ZSubscriptionRecord,
};

export type ParsedRow = {
  rowNumber: number;
  key: string | null;
  /** The validated record, or null when the row is refused already. */
  record: Record<string, unknown> | null;
  cells: string[];
  errors: TFieldError[];
};

/** The record's key as results report it: the external id, or `<account external id>/<e-mail>`. */
export function recordKey(kind: TImportKind, record: Record<string, unknown>): string | null {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  if (kind !== 'contacts') return text(record.externalId);
  const account = text(record.accountExternalId);
  const email = text(record.email)?.toLowerCase();
  return account && email ? `${account}/${email}` : null;
}

/** The CSV column a record field comes from (field errors name the column ops see in their file). */
export function columnOfField(kind: TImportKind, field: string): string {
  return IMPORT_COLUMNS[kind].find((c) => c.field === field)?.name ?? field;
}

const refuseFile = (message: string) => new AppError('rule_violated', message);

/** Bytes → text, refusing anything that is not UTF-8 (a byte-order mark is dropped). */
async function* utf8Text(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of bytes) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  } catch (err) {
    if (err instanceof TypeError) {
      throw refuseFile(
        'The file is not UTF-8 text. Save it as "CSV UTF-8" (Excel) or with UTF-8 encoding and upload it again.',
      );
    }
    throw err;
  }
}

function mapHeader(kind: TImportKind, header: string[]): (ImportColumn | null)[] {
  const columns = IMPORT_COLUMNS[kind];
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => n !== '' && !columns.some((c) => c.name === n));
  const repeated = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  const missing = columns.filter((c) => c.isRequired && !names.includes(c.name)).map((c) => c.name);
  const problems = [
    missing.length ? `missing column(s): ${missing.join(', ')}` : null,
    unknown.length ? `unknown column(s): ${unknown.join(', ')}` : null,
    repeated.length ? `repeated column(s): ${[...new Set(repeated)].join(', ')}` : null,
  ].filter(Boolean);
  if (problems.length) {
    throw refuseFile(
      `The header does not match the ${kind} template: ${problems.join('; ')}. Download the template to see the columns.`,
    );
  }
  return names.map((n) => columns.find((c) => c.name === n) ?? null);
}

const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

/** A cell as the schema expects it: empty → absent; integers and booleans converted when they read as one. */
function cellValue(column: ImportColumn, cell: string): unknown {
  const text = cell.trim();
  if (text === '') return undefined;
  if (column.type === 'integer') return /^[+-]?\d{1,15}$/.test(text) ? Number(text) : text;
  if (column.type === 'boolean') return BOOLEANS[text.toLowerCase()] ?? text;
  return cell;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: what it looks for
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function readRow(
  kind: TImportKind,
  columns: (ImportColumn | null)[],
  cells: string[],
  rowNumber: number,
): ParsedRow {
  const raw: Record<string, unknown> = {};
  const errors: TFieldError[] = [];
  if (cells.length !== columns.length) {
    errors.push({ field: 'row', message: `Expected ${columns.length} cells, found ${cells.length}` });
  }
  columns.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (!column) return;
    if (CONTROL_CHARACTER.test(cell)) {
      errors.push({ field: column.name, message: 'Contains a control character' });
      return;
    }
    const value = cellValue(column, cell);
    if (value !== undefined) raw[column.field] = value;
    else if (column.isRequired) errors.push({ field: column.name, message: 'A value is required' });
  });
  const parsed = SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = columnOfField(kind, String(issue.path[0] ?? 'row'));
      if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
    }
  }
  const record = parsed.success ? (parsed.data as Record<string, unknown>) : null;
  return {
    rowNumber,
    key: recordKey(kind, record ?? raw),
    record: errors.length ? null : record,
    cells,
    errors,
  };
}

/**
 * Reads the file and hands on its rows in batches of `batchSize` (the caller stores them). Each row is
 * validated against its kind's record schema; a key seen earlier in the file refuses the later row.
 * Throws AppError('rule_violated') for a file it cannot import at all.
 */
export async function readImportFile(
  kind: TImportKind,
  bytes: AsyncIterable<Uint8Array>,
  onBatch: (rows: ParsedRow[]) => Promise<void>,
  batchSize = 500,
): Promise<{ rows: number }> {
  const text = Readable.from(utf8Text(bytes));
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  text.on('error', (err) => parser.destroy(err));
  text.pipe(parser);
  const firstRowOfKey = new Map<string, number>();
  let columns: (ImportColumn | null)[] | null = null;
  let rowNumber = 1;
  let batch: ParsedRow[] = [];
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = mapHeader(kind, cells);
        continue;
      }
      rowNumber++;
      if (rowNumber - 1 > MAX_IMPORT_ROWS) {
        throw refuseFile(`The file has more than ${MAX_IMPORT_ROWS} rows: split it into several files.`);
      }
      const row = readRow(kind, columns, cells, rowNumber);
      if (row.key !== null) {
        const first = firstRowOfKey.get(row.key);
        if (first === undefined) firstRowOfKey.set(row.key, rowNumber);
        else {
          row.record = null;
          row.errors.push({
            field: kind === 'contacts' ? 'email' : 'external_id',
            message: `Duplicate of row ${first} in this file`,
          });
        }
      }
      batch.push(row);
      if (batch.length >= batchSize) {
        await onBatch(batch);
        batch = [];
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw refuseFile(`The file is not valid CSV: ${(err as Error).message}`);
    }
    throw err;
  }
  if (!columns) throw refuseFile('The file is empty: it needs a header row and at least one row.');
  if (batch.length) await onBatch(batch);
  if (rowNumber === 1) throw refuseFile('The file has a header but no rows.');
  return { rows: rowNumber - 1 };
}
