// Charts drawn as vector graphics on the shared PDF layout: a column or line chart of monthly series (with an
// optional reference line, e.g. the seats) and horizontal bars of percentages. Text goes through the layout's
// writer, so Chinese labels print as text.

import { type Layout, LEFT, MUTED, RIGHT, RULE } from '../../platform/documents/pdf-layout.ts';

export type Series = { label: string; color: string; values: readonly (number | null)[] };

export type ChartInput = {
  title: string;
  kind: 'bar' | 'line';
  categories: readonly string[];
  series: readonly Series[];
  reference?: { label: string; value: number; color: string };
  format: (value: number) => string;
};

const PLOT_HEIGHT = 130;
const AXIS_WIDTH = 40;

/** The smallest "round" number (1, 2, 2.5, 5 × 10ⁿ) at or above `value`. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function legend(
  layout: Layout,
  items: readonly { label: string; color: string; dashed?: boolean }[],
  y: number,
) {
  let x = LEFT + AXIS_WIDTH;
  for (const item of items) {
    const { doc } = layout;
    if (item.dashed) {
      doc
        .moveTo(x, y + 5)
        .lineTo(x + 14, y + 5)
        .dash(3, { space: 2 })
        .lineWidth(1.2)
        .strokeColor(item.color)
        .stroke();
      doc.undash();
    } else {
      doc
        .rect(x, y + 1, 10, 8)
        .fillColor(item.color)
        .fill();
    }
    layout.write(item.label, x + 18, y, { size: 8, color: MUTED });
    x += 18 + layout.doc.widthOfString(item.label) + 22;
  }
}

/** A titled column or line chart of monthly series; moves the layout's cursor below it. */
export function drawChart(layout: Layout, input: ChartInput): void {
  layout.ensureRoom(PLOT_HEIGHT + 70);
  const { doc, write } = layout;
  const titleBottom = write(input.title, LEFT, layout.y, { size: 10, weight: 700 });
  const top = titleBottom + 8;
  const bottom = top + PLOT_HEIGHT;
  const left = LEFT + AXIS_WIDTH;
  const width = RIGHT - left;
  const values = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceCeiling(Math.max(0, ...values, input.reference?.value ?? 0));
  const yOf = (value: number) => bottom - (value / max) * PLOT_HEIGHT;

  for (let i = 0; i <= 4; i += 1) {
    const value = (max / 4) * i;
    const y = yOf(value);
    doc.moveTo(left, y).lineTo(RIGHT, y).lineWidth(0.4).strokeColor(RULE).stroke();
    write(input.format(value), LEFT, y - 4, { size: 7, color: MUTED, width: AXIS_WIDTH - 4, align: 'right' });
  }

  const count = Math.max(1, input.categories.length);
  const slot = width / count;
  const labelEvery = slot >= 30 ? 1 : Math.ceil(30 / slot);
  input.categories.forEach((category, index) => {
    if (index % labelEvery !== 0) return;
    write(category, left + index * slot, bottom + 3, {
      size: 6.5,
      color: MUTED,
      width: slot * labelEvery,
      align: 'center',
    });
  });

  if (input.kind === 'bar') {
    const groupWidth = slot * 0.7;
    const barWidth = groupWidth / Math.max(1, input.series.length);
    input.series.forEach((series, s) => {
      series.values.forEach((value, index) => {
        if (value === null || value <= 0) return;
        const x = left + index * slot + (slot - groupWidth) / 2 + s * barWidth;
        doc
          .rect(x, yOf(value), Math.max(barWidth - 1, 1), bottom - yOf(value))
          .fillColor(series.color)
          .fill();
      });
    });
  } else {
    for (const series of input.series) {
      let isDrawing = false;
      series.values.forEach((value, index) => {
        const x = left + index * slot + slot / 2;
        if (value === null) {
          isDrawing = false;
          return;
        }
        if (isDrawing) doc.lineTo(x, yOf(value));
        else doc.moveTo(x, yOf(value));
        isDrawing = true;
      });
      doc.lineWidth(1.6).strokeColor(series.color).stroke();
      series.values.forEach((value, index) => {
        if (value === null) return;
        doc
          .circle(left + index * slot + slot / 2, yOf(value), 1.8)
          .fillColor(series.color)
          .fill();
      });
    }
  }

  if (input.reference) {
    const y = yOf(input.reference.value);
    doc
      .moveTo(left, y)
      .lineTo(RIGHT, y)
      .dash(4, { space: 3 })
      .lineWidth(1)
      .strokeColor(input.reference.color)
      .stroke();
    doc.undash();
  }
  doc.moveTo(left, bottom).lineTo(RIGHT, bottom).lineWidth(0.8).strokeColor(MUTED).stroke();

  legend(
    layout,
    [
      ...input.series.map((s) => ({ label: s.label, color: s.color })),
      ...(input.reference
        ? [{ label: input.reference.label, color: input.reference.color, dashed: true }]
        : []),
    ],
    bottom + 16,
  );
  layout.y = bottom + 40;
}

/** Horizontal bars of percentages (0–100), one row per label; moves the cursor below. */
export function drawPercentBars(
  layout: Layout,
  input: {
    title: string;
    rows: readonly { label: string; pct: number | null }[];
    color: string;
    format: (pct: number) => string;
  },
): void {
  layout.ensureRoom(40 + input.rows.length * 18);
  const { doc, write } = layout;
  let y = write(input.title, LEFT, layout.y, { size: 10, weight: 700 }) + 8;
  const labelWidth = 120;
  const barLeft = LEFT + labelWidth;
  const barWidth = RIGHT - barLeft - 50;
  for (const row of input.rows) {
    write(row.label, LEFT, y + 1, { size: 8, width: labelWidth - 6 });
    doc
      .rect(barLeft, y + 1, barWidth, 9)
      .fillColor('#eef0f4')
      .fill();
    const pct = Math.max(0, Math.min(100, row.pct ?? 0));
    if (pct > 0)
      doc
        .rect(barLeft, y + 1, (barWidth * pct) / 100, 9)
        .fillColor(input.color)
        .fill();
    write(row.pct === null ? '—' : input.format(row.pct), barLeft + barWidth + 6, y + 1, {
      size: 8,
      width: 44,
    });
    y += 18;
  }
  layout.y = y + 12;
}
