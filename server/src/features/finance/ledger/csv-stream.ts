// Streamed CSV (RFC 4180 through shared/src/csv.ts): a ReadableStream that asks for the next page of rows only
// when the client has taken the previous one, so a million-row export holds one page in memory. Amounts are
// exact major-unit decimals written as numbers (a negative amount is not text a spreadsheet could run as a
// formula, so it does not get the apostrophe that text starting with "-" gets).

import { CSV_BOM, type CsvCell, csvCell } from '@portal/shared/csv';
import { formatMinorAsDecimal } from '@portal/shared/money';

export type DecimalCell = { readonly decimal: string };
export type Cell = CsvCell | DecimalCell;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** An amount in minor units as the exact decimal of its currency ("-1234.50", "1234" for JPY). */
export function amountCell(
  amountMinor: number | null | undefined,
  currency: string | null | undefined,
): Cell {
  if (amountMinor === null || amountMinor === undefined || !currency) return null;
  return { decimal: formatMinorAsDecimal(amountMinor, currency) };
}

function cellText(value: Cell): string {
  if (typeof value === 'object' && value !== null) {
    if (!DECIMAL.test(value.decimal)) throw new Error(`not a decimal: ${value.decimal}`);
    return value.decimal;
  }
  return csvCell(value);
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(cellText).join(',')}\r\n`;
}

/**
 * The document as a byte stream: optional byte-order mark (Excel needs it to read UTF-8), the header, then
 * each page of rows as the reader pulls. The page source is closed if the client goes away.
 */
export function csvStream(input: {
  header: readonly string[];
  bom: boolean;
  pages: AsyncIterable<readonly (readonly Cell[])[]>;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = input.pages[Symbol.asyncIterator]();
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!isHeaderSent) {
          isHeaderSent = true;
          controller.enqueue(encoder.encode((input.bom ? CSV_BOM : '') + csvLine(input.header)));
          return;
        }
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

export function csvHeaders(filename: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  };
}
