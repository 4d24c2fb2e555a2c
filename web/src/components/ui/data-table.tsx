// A table on wide screens that becomes a stack of cards on phones (below 640 px): each row is a card titled
// by its row header, every other cell shows its column's label beside its value, and the actions stay at the
// bottom of the card, so status, totals and actions remain visible without scrolling sideways.

import type { ReactNode, ThHTMLAttributes } from 'react';

export type DataColumn<Row> = {
  id: string;
  /** The column's header, and the label a cell shows beside its value on a phone. */
  label: string;
  cell: (row: Row) => ReactNode;
  /** The row's name: a row header (`th scope="row"`), and the card's title on a phone. */
  isRowHeader?: boolean;
  isNumeric?: boolean;
  /** Actions (buttons, links): no visible header, no label on the card, placed last on a phone. */
  isActions?: boolean;
  /** A header of its own (e.g. a sort button) in place of the label; `headerProps` go on its `th`. */
  header?: ReactNode;
  headerProps?: ThHTMLAttributes<HTMLTableCellElement>;
  className?: string;
};

type DataTableProps<Row> = {
  caption: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  className?: string;
  /** Rows under the body (totals), each cell spanning as given. */
  footer?: ReactNode;
};

export function DataTable<Row>({ caption, columns, rows, rowKey, className, footer }: DataTableProps<Row>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-scroll table-scroll--cards" aria-label={caption} tabIndex={0}>
      <table className={['table', 'table--cards', className].filter(Boolean).join(' ')}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <HeaderCell key={column.id} column={column} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <BodyCell key={column.id} column={column} row={row} />
              ))}
            </tr>
          ))}
        </tbody>
        {footer ? <tfoot>{footer}</tfoot> : null}
      </table>
    </section>
  );
}

function cellClass<Row>(column: DataColumn<Row>): string | undefined {
  const names = [
    column.isNumeric ? 'numeric' : '',
    column.isActions ? 'table__cell--actions' : '',
    column.isRowHeader ? 'table__cell--title' : '',
    column.className ?? '',
  ].filter(Boolean);
  return names.length ? names.join(' ') : undefined;
}

function HeaderCell<Row>({ column }: { column: DataColumn<Row> }) {
  const className = [column.isNumeric ? 'numeric' : '', column.headerProps?.className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <th scope="col" {...column.headerProps} className={className || undefined}>
      {column.header ?? (column.isActions ? <span className="sr-only">{column.label}</span> : column.label)}
    </th>
  );
}

function BodyCell<Row>({ column, row }: { column: DataColumn<Row>; row: Row }) {
  const content = column.cell(row);
  if (column.isRowHeader) {
    return (
      <th scope="row" className={cellClass(column)}>
        {content}
      </th>
    );
  }
  return (
    <td className={cellClass(column)} data-label={column.isActions ? undefined : column.label}>
      {content}
    </td>
  );
}
