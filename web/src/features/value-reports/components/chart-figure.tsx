// A chart with the same figures as a table behind it: the chart is decoration for sighted readers
// (hidden from assistive technology), the table (in a disclosure) is the accessible version.

import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

export type ChartColumn<Row> = {
  key: string;
  label: string;
  render: (row: Row) => ReactNode;
  isNumeric?: boolean;
};

type ChartFigureProps<Row> = {
  title: string;
  chart: ReactNode;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: readonly ChartColumn<Row>[];
};

export function ChartFigure<Row>({ title, chart, rows, rowKey, columns }: ChartFigureProps<Row>) {
  const { t } = useTranslation('valueReports');
  const titleId = useId();
  return (
    <figure className="vr-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="vr-chart__title">
        {title}
      </figcaption>
      <div className="vr-chart__canvas" aria-hidden="true">
        {chart}
      </div>
      <details className="vr-chart__table">
        <summary>{t('charts.showTable')}</summary>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section className="table-scroll" tabIndex={0} aria-label={title}>
          <table className="table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.key} scope="col" className={column.isNumeric ? 'numeric' : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column, index) =>
                    index === 0 ? (
                      <th key={column.key} scope="row">
                        {column.render(row)}
                      </th>
                    ) : (
                      <td key={column.key} className={column.isNumeric ? 'numeric' : undefined}>
                        {column.render(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
