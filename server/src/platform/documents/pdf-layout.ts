// The one layout of the portal's PDF documents (invoices, quotes, value reports): an A4 pdfkit document set in
// Noto Sans SC (pdf-fonts.ts, so Chinese prints as text), a writer that draws text of any script, and the
// blocks documents share — the seller's header with the title and facts, the buyer beside a column of facts,
// the lines table, the totals and a boxed note. Each document composes these; none draws its own copy.

import type { TInvoiceLine, TParty } from '@portal/shared/schemas/invoices';
import PDFDocument from 'pdfkit';
import { type FontWeight, fontFile, textRuns } from './pdf-fonts.ts';

export const LEFT = 50;
export const RIGHT = 545;
export const WIDTH = RIGHT - LEFT;
export const TOP = 50;
export const PAGE_BOTTOM = 770;
export const INK = '#111827';
export const MUTED = '#4b5563';
export const RULE = '#d1d5db';
export const PAID = '#047857';

export type WriteOptions = {
  width?: number;
  align?: 'left' | 'right' | 'center';
  size?: number;
  weight?: FontWeight;
  color?: string;
};

/** Draws text (any script) at x, y; returns the y below it. */
export type Write = (text: string, x: number, y: number, options?: WriteOptions) => number;

function writer(doc: PDFKit.PDFDocument): Write {
  const registered = new Set<string>();
  const useFont = (font: string) => {
    if (!registered.has(font)) {
      doc.registerFont(font, fontFile(font));
      registered.add(font);
    }
    doc.font(font);
  };
  return (text, x, y, options = {}) => {
    const runs = textRuns(text.length ? text : ' ', options.weight ?? 400);
    doc.fontSize(options.size ?? 9).fillColor(options.color ?? INK);
    const align = options.align ?? 'left';
    if (runs.length > 1 && align !== 'left' && options.width !== undefined) {
      // pdfkit aligns each continued run on its own; a short mixed-script line is placed as a whole instead.
      const widths = runs.map((run) => {
        useFont(run.font);
        return doc.widthOfString(run.text);
      });
      const total = widths.reduce((sum, w) => sum + w, 0);
      let at = x + (align === 'right' ? options.width - total : (options.width - total) / 2);
      runs.forEach((run, index) => {
        useFont(run.font);
        doc.text(run.text, at, y, { lineBreak: false });
        at += widths[index] ?? 0;
      });
      return y + doc.currentLineHeight(true);
    }
    runs.forEach((run, index) => {
      useFont(run.font);
      const textOptions: PDFKit.Mixins.TextOptions = {
        ...(options.width === undefined ? {} : { width: options.width }),
        align,
        continued: index < runs.length - 1,
      };
      if (index === 0) doc.text(run.text, x, y, textOptions);
      else doc.text(run.text, textOptions);
    });
    return doc.y;
  };
}

/** A document being drawn: pdfkit's document, the writer, and the cursor `y` that blocks move down. */
export type Layout = {
  doc: PDFKit.PDFDocument;
  write: Write;
  y: number;
  /** A horizontal rule across the page (or from `from`) at `y`. */
  rule: (y: number, from?: number) => void;
  /** Starts a new page when fewer than `needed` points are left on this one. */
  ensureRoom: (needed: number) => void;
  /** Ends the document; resolves with its bytes. */
  finish: () => Promise<Uint8Array<ArrayBuffer>>;
};

export function createLayout(info: { title: string; author: string; subject: string; lang: string }): Layout {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: 40, left: LEFT, right: 595 - RIGHT },
    info: { Title: info.title, Author: info.author, Subject: info.subject },
    lang: info.lang,
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const layout: Layout = {
    doc,
    write: writer(doc),
    y: TOP,
    rule: (y, from = LEFT) => {
      doc.moveTo(from, y).lineTo(RIGHT, y).lineWidth(0.6).strokeColor(RULE).stroke();
    },
    ensureRoom: (needed) => {
      if (layout.y + needed <= PAGE_BOTTOM) return;
      doc.addPage();
      layout.y = TOP;
    },
    finish: () => {
      doc.end();
      return done;
    },
  };
  return layout;
}

export function formatDocumentDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
}

export function formatRate(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}

/** A party's address, tax id and e-mail under its name, from `y`; returns the y below. */
function partyLines(layout: Layout, party: TParty, x: number, y: number, taxIdLabel: string, width: number) {
  let at = y;
  for (const line of party.addressLines) at = layout.write(line, x, at + 1, { width });
  if (party.taxId) at = layout.write(`${taxIdLabel}: ${party.taxId}`, x, at + 1, { width });
  if (party.email) at = layout.write(party.email, x, at + 1, { color: MUTED, width });
  return at;
}

/**
 * The header: the seller (name, address, tax id, e-mail) on the left; the title, its facts ("Invoice number:
 * …") and an optional stamp on the right; a rule below.
 */
export function drawHeader(
  layout: Layout,
  input: {
    seller: TParty;
    taxIdLabel: string;
    title: string;
    facts: readonly string[];
    stamp?: { text: string; color: string } | null;
  },
): void {
  const { write } = layout;
  const top = layout.y;
  let left = write(input.seller.legalName, LEFT, top, { size: 13, weight: 700, width: 280 });
  left = partyLines(layout, input.seller, LEFT, left, input.taxIdLabel, 280);
  let right = write(input.title, 345, top, { size: 22, weight: 700, width: 200, align: 'right' });
  right += 2;
  for (const fact of input.facts) right = write(fact, 345, right, { width: 200, align: 'right' }) + 1;
  if (input.stamp) {
    right = write(input.stamp.text, 345, right + 3, {
      width: 200,
      align: 'right',
      weight: 700,
      color: input.stamp.color,
      size: 11,
    });
  }
  layout.y = Math.max(left, right) + 18;
  layout.rule(layout.y);
  layout.y += 12;
}

/** The buyer on the left, labelled facts (subscription, quote, period, …) on the right. */
export function drawParties(
  layout: Layout,
  input: {
    buyerLabel: string;
    buyer: TParty;
    taxIdLabel: string;
    facts: readonly { label: string; value: string }[];
  },
): void {
  const { write } = layout;
  const top = layout.y;
  let buyer = write(input.buyerLabel, LEFT, top, { size: 8, color: MUTED });
  buyer = write(input.buyer.legalName, LEFT, buyer + 2, { size: 10, weight: 700, width: 250 });
  buyer = partyLines(layout, input.buyer, LEFT, buyer, input.taxIdLabel, 250);
  let facts = top - 6;
  for (const fact of input.facts) {
    facts = write(fact.label, 320, facts + 6, { size: 8, color: MUTED });
    facts = write(fact.value, 320, facts + 2, { width: 225 });
  }
  layout.y = Math.max(buyer, facts) + 14;
}

/** The lines table (description, quantity, unit price, amount), breaking pages as needed. */
export function drawLines(
  layout: Layout,
  input: {
    labels: { description: string; quantity: string; unitPrice: string; amount: string };
    lines: readonly TInvoiceLine[];
    money: (amountMinor: number) => string;
  },
): void {
  const { write } = layout;
  const { labels, money } = input;
  const columns = { description: LEFT, quantity: 310, unit: 355, amount: 450 };
  const top = layout.y;
  write(labels.description, columns.description, top, { size: 8, color: MUTED, width: 250 });
  write(labels.quantity, columns.quantity, top, { size: 8, color: MUTED, width: 40, align: 'right' });
  write(labels.unitPrice, columns.unit, top, { size: 8, color: MUTED, width: 90, align: 'right' });
  write(labels.amount, columns.amount, top, { size: 8, color: MUTED, width: 95, align: 'right' });
  layout.rule(top + 13);
  layout.y = top + 19;
  for (const line of input.lines) {
    layout.ensureRoom(30);
    const rowTop = layout.y;
    const below = write(line.description, columns.description, rowTop, { width: 250 });
    if (line.quantity !== null)
      write(String(line.quantity), columns.quantity, rowTop, { width: 40, align: 'right' });
    if (line.unitAmountMinor !== null)
      write(money(line.unitAmountMinor), columns.unit, rowTop, { width: 90, align: 'right' });
    write(money(line.amountMinor), columns.amount, rowTop, { width: 95, align: 'right' });
    layout.y = Math.max(below, rowTop + 12) + 6;
  }
  layout.rule(layout.y);
  layout.y += 10;
}

export type TotalRow = { label: string; amountMinor: number; weight?: FontWeight; ruleAbove?: boolean };

/** The totals column on the right. */
export function drawTotals(
  layout: Layout,
  rows: readonly TotalRow[],
  money: (amountMinor: number) => string,
): void {
  layout.ensureRoom(20 + rows.length * 16);
  for (const row of rows) {
    if (row.ruleAbove) {
      layout.rule(layout.y - 2, 320);
      layout.y += 3;
    }
    const weight = row.weight ?? 400;
    layout.write(row.label, 320, layout.y, { width: 125, weight });
    layout.write(money(row.amountMinor), 450, layout.y, { width: 95, align: 'right', weight });
    layout.y += 15;
  }
  layout.y += 8;
}

/** A titled block of paragraphs across the page (payment, terms, acceptance); optionally boxed. */
export function drawNote(
  layout: Layout,
  input: { title: string; paragraphs: readonly string[]; boxed?: boolean; color?: string },
): void {
  const { write } = layout;
  layout.ensureRoom(30 + input.paragraphs.length * 24);
  const top = layout.y;
  const inset = input.boxed ? 8 : 0;
  let y = write(input.title, LEFT + inset, top + inset, {
    size: 8,
    color: input.color ?? MUTED,
    weight: 700,
  });
  for (const paragraph of input.paragraphs) {
    y = write(paragraph, LEFT + inset, y + 2, { width: WIDTH - 2 * inset });
  }
  if (input.boxed) {
    layout.doc
      .roundedRect(LEFT, top, WIDTH, y - top + inset, 4)
      .lineWidth(0.8)
      .strokeColor(input.color ?? RULE)
      .stroke();
  }
  layout.y = y + inset + 12;
}

export type TableColumn = { label: string; width: number; align?: 'left' | 'right' };

/** A plain table with a header row and rules, breaking pages (and repeating the header) as needed. */
export function drawTable(
  layout: Layout,
  input: { columns: readonly TableColumn[]; rows: readonly (readonly string[])[] },
): void {
  const { write } = layout;
  const header = () => {
    let x = LEFT;
    for (const column of input.columns) {
      write(column.label, x, layout.y, {
        size: 8,
        color: MUTED,
        width: column.width - 6,
        align: column.align ?? 'left',
      });
      x += column.width;
    }
    layout.rule(layout.y + 13);
    layout.y += 19;
  };
  layout.ensureRoom(40);
  header();
  for (const row of input.rows) {
    if (layout.y + 24 > PAGE_BOTTOM) {
      layout.ensureRoom(24);
      header();
    }
    let x = LEFT;
    let below = layout.y + 12;
    input.columns.forEach((column, index) => {
      const bottom = write(row[index] ?? '', x, layout.y, {
        width: column.width - 6,
        align: column.align ?? 'left',
      });
      below = Math.max(below, bottom);
      x += column.width;
    });
    layout.y = below + 5;
  }
  layout.rule(layout.y);
  layout.y += 12;
}
