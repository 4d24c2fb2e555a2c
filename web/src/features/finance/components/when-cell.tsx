// The first cell of a finance table row: the day (never broken), the time under it, and an id shortened to
// fit (the whole id in its tooltip and for screen readers).

import type { ReactNode } from 'react';
import { useFinanceFormat } from '@/features/finance/utils/format';

export function WhenCell({
  at,
  id,
  link,
}: {
  at: string;
  id?: string | null;
  link?: (text: ReactNode) => ReactNode;
}) {
  const format = useFinanceFormat();
  const day = <span className="finance-nowrap">{format.day(at)}</span>;
  return (
    <>
      {link ? link(day) : day}
      <span className="finance-table__sub">{format.time(at)}</span>
      {id ? <ShortId id={id} /> : null}
    </>
  );
}

export function ShortId({ id }: { id: string }) {
  return (
    <span className="finance-table__id" title={id}>
      {id}
    </span>
  );
}
