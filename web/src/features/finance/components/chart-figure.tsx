// A chart with its figures as a table behind it: the chart is for sighted readers (hidden from assistive
// technology), the table in a disclosure is the accessible version of the same numbers.

import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

export type FigureColumn<Row> = {
  key: string;
  label: string;
  render: (row: Row) => ReactNode;
  isNumeric?: boolean;
};

export function ChartFigure<Row>(props: {
  title: string;
  chart: ReactNode;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: readonly FigureColumn<Row>[];
}) {
  const { t } = useTranslation('finance');
  const titleId = useId();
  return (
    <figure className="finance-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="finance-chart__title">
        {props.title}
      </figcaption>
      <div className="finance-chart__canvas" aria-hidden="true">
        {props.chart}
      </div>
      <details>
        <summary>{t('charts.showTable')}</summary>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section className="table-scroll" tabIndex={0} aria-label={props.title}>
          <table className="table">
            <caption className="sr-only">{props.title}</caption>
            <thead>
              <tr>
                {props.columns.map((c) => (
                  <th key={c.key} scope="col" className={c.isNumeric ? 'numeric' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={props.rowKey(row)}>
                  {props.columns.map((c, index) =>
                    index === 0 ? (
                      <th key={c.key} scope="row">
                        {c.render(row)}
                      </th>
                    ) : (
                      <td key={c.key} className={c.isNumeric ? 'numeric' : undefined}>
                        {c.render(row)}
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
