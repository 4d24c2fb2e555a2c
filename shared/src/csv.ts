// CSV as RFC 4180 describes it: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, and
// quotes doubled inside it. Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
// start) get a leading apostrophe, so an account name cannot become a formula in the reader's spreadsheet.

export type CsvCell = string | number | boolean | null | undefined;

/** Byte-order mark: lets spreadsheet programs open UTF-8 (e.g. Chinese account names) correctly. */
export const CSV_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole document: the header row, then one row per record, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return csvRow(header) + rows.map(csvRow).join('');
}
