import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type DataColumn, DataTable } from '@/components/ui/data-table';

type Row = { id: string; name: string; total: string };
const columns: DataColumn<Row>[] = [
  { id: 'name', label: 'Name', isRowHeader: true, cell: (row) => row.name },
  { id: 'total', label: 'Total', isNumeric: true, cell: (row) => row.total },
  {
    id: 'actions',
    label: 'Actions',
    isActions: true,
    cell: (row) => <button type="button">Open {row.id}</button>,
  },
];
const rows: Row[] = [
  { id: 'a', name: 'Alpha', total: '$1.00' },
  { id: 'b', name: 'Beta', total: '$2.00' },
];

describe('DataTable', () => {
  it('is a captioned table whose rows are named by their row header', () => {
    render(<DataTable caption="Things" columns={columns} rows={rows} rowKey={(row) => row.id} />);
    const table = screen.getByRole('table', { name: 'Things' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Name', 'Total', 'Actions']);
    const beta = within(table).getByRole('row', { name: /Beta/ });
    expect(within(beta).getByRole('rowheader').textContent).toBe('Beta');
    expect(within(beta).getByRole('button', { name: 'Open b' })).toBeTruthy();
  });

  it('labels every data cell for the phone cards, but not the actions, and keeps the actions header for screen readers only', () => {
    render(<DataTable caption="Things" columns={columns} rows={rows} rowKey={(row) => row.id} />);
    const alpha = screen.getByRole('row', { name: /Alpha/ });
    const cells = within(alpha).getAllByRole('cell');
    expect(cells.map((cell) => cell.getAttribute('data-label'))).toEqual(['Total', null]);
    expect(cells[0]?.classList.contains('numeric')).toBe(true);
    expect(screen.getByRole('columnheader', { name: 'Actions' }).querySelector('.sr-only')).not.toBeNull();
  });

  it('puts a column’s own header and its attributes on the header cell', () => {
    const sortable: DataColumn<Row>[] = [
      {
        ...columns[0],
        id: 'name',
        header: <button type="button">Sort by name</button>,
        headerProps: { 'aria-sort': 'ascending' },
      } as DataColumn<Row>,
    ];
    render(<DataTable caption="Things" columns={sortable} rows={rows} rowKey={(row) => row.id} />);
    const header = screen.getByRole('columnheader', { name: 'Sort by name' });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
  });
});
