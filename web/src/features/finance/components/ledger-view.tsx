// The payments ledger: filters kept in the address (dates, kind, status, currency, search), totals per
// currency over the whole selection, the entries newest first with "Load more", and the same as CSV.

import { type TCurrencyTotals, type TLedgerEntry, ZLedgerQuery } from '@portal/shared/schemas/finance';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SelectField } from '@/components/ui/select-field';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import {
  EMPTY_LEDGER_FILTERS,
  type LedgerFilters,
  ledgerCsvUrl,
  useLedger,
} from '@/features/finance/api/get-ledger';
import { ReconClassBadge } from '@/features/finance/components/recon-class-badge';
import { WhenCell } from '@/features/finance/components/when-cell';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';

export function filtersFromSearch(search: URLSearchParams): LedgerFilters {
  const parsed = ZLedgerQuery.safeParse(Object.fromEntries(search));
  if (!parsed.success) return EMPTY_LEDGER_FILTERS;
  const v = parsed.data;
  return {
    from: v.from ?? '',
    to: v.to ?? '',
    kind: v.kind,
    status: v.status ?? '',
    currency: v.currency ?? '',
    q: v.q ?? '',
  };
}

export function LedgerView() {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const [draft, setDraft] = useState(filters);
  const query = useLedger(filters);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) {
      if (value && !(key === 'kind' && value === 'all')) params.set(key, value.trim());
    }
    setSearch(params, { replace: true });
  };
  const pages = query.data?.pages ?? [];
  const entries = pages.flatMap((p) => p.entries);
  const totals = pages[0]?.totals ?? [];

  return (
    <div className="stack stack--lg">
      <form className="finance-filters" aria-label={t('ledger.filters')} onSubmit={onSubmit}>
        <TextField
          label={t('ledger.from')}
          type="date"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          label={t('ledger.to')}
          type="date"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <SelectField
          label={t('ledger.kind.label')}
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value as LedgerFilters['kind'] })}
          options={(['all', 'payment', 'refund', 'dispute'] as const).map((k) => ({
            value: k,
            label: t(`ledger.kind.${k}`),
          }))}
        />
        <TextField
          label={t('ledger.statusFilter')}
          value={draft.status}
          placeholder={t('ledger.statusPlaceholder')}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
        />
        <TextField
          label={t('ledger.currencyFilter')}
          value={draft.currency}
          maxLength={3}
          placeholder={t('ledger.currencyPlaceholder')}
          onChange={(e) => setDraft({ ...draft, currency: e.target.value })}
        />
        <TextField
          label={t('ledger.search')}
          type="search"
          value={draft.q}
          placeholder={t('ledger.searchPlaceholder')}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <Button type="submit" variant="secondary">
          {t('common.apply')}
        </Button>
        <a className="button button--secondary" href={ledgerCsvUrl(filters)} download>
          {t('common.downloadCsv')}
        </a>
      </form>
      {query.isPending ? (
        <SkeletonList label={t('common.loading')} rows={4} />
      ) : query.isError ? (
        <ErrorState
          title={t('common.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : entries.length === 0 ? (
        <EmptyState title={t('ledger.empty')} />
      ) : (
        <>
          <Totals totals={totals} />
          <Entries entries={entries} />
          {query.hasNextPage ? (
            <div>
              <Button
                variant="secondary"
                isLoading={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {t('common.loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

function Totals({ totals }: { totals: readonly TCurrencyTotals[] }) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const money = (amountMinor: number, currency: string) => format.money({ amountMinor, currency });
  return (
    <Card title={t('ledger.totalsTitle')}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="table-scroll" aria-label={t('ledger.totalsCaption')} tabIndex={0}>
        <table className="table finance-table">
          <caption className="sr-only">{t('ledger.totalsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.currency')}</th>
              <th scope="col" className="numeric">
                {t('ledger.payments')}
              </th>
              <th scope="col" className="numeric">
                {t('ledger.refunds')}
              </th>
              <th scope="col" className="numeric">
                {t('ledger.disputes')}
              </th>
              <th scope="col" className="numeric">
                {t('ledger.fees')}
              </th>
              <th scope="col" className="numeric">
                {t('ledger.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.map((row) => (
              <tr key={row.currency}>
                <th scope="row">{row.currency}</th>
                <td className="numeric">
                  {money(row.payments.amountMinor, row.currency)}
                  <span className="finance-table__sub">× {row.payments.count}</span>
                </td>
                <td className="numeric">
                  {money(row.refunds.amountMinor, row.currency)}
                  <span className="finance-table__sub">× {row.refunds.count}</span>
                </td>
                <td className="numeric">
                  {money(row.disputes.amountMinor, row.currency)}
                  <span className="finance-table__sub">× {row.disputes.count}</span>
                </td>
                <td className="numeric">{money(row.feesMinor, row.currency)}</td>
                <td className="numeric">{money(row.netMinor, row.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Card>
  );
}

function Entries({ entries }: { entries: readonly TLedgerEntry[] }) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const columns: DataColumn<TLedgerEntry>[] = [
    {
      id: 'date',
      label: t('common.date'),
      isRowHeader: true,
      cell: (e) => (
        <WhenCell
          at={e.occurredAt}
          id={e.id}
          link={(text) => <Link to={paths.financePayment(e.paymentId)}>{text}</Link>}
        />
      ),
    },
    {
      id: 'kind',
      label: t('ledger.kindStatus'),
      cell: (e) => (
        <span>
          {t(`ledger.kinds.${e.kind}`)}
          <span className="finance-table__sub">{format.stripeValue(e.status)}</span>
        </span>
      ),
    },
    { id: 'account', label: t('common.account'), cell: (e) => e.account.name },
    { id: 'amount', label: t('common.amount'), isNumeric: true, cell: (e) => format.money(e.amount) },
    {
      id: 'net',
      label: t('ledger.netAfterFee'),
      isNumeric: true,
      cell: (e) => (
        <span>
          {format.maybeMoney(e.net)}
          {e.fee ? (
            <span className="finance-table__sub">{t('ledger.feeOf', { fee: format.money(e.fee) })}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'invoice',
      label: t('common.invoice'),
      className: 'finance-nowrap',
      cell: (e) => e.invoice?.number ?? t('common.none'),
    },
    {
      id: 'reconciled',
      label: t('ledger.reconciled'),
      cell: (e) =>
        e.reconClass ? (
          <ReconClassBadge value={e.reconClass} />
        ) : (
          <span className="finance-muted">{t('ledger.notReconciled')}</span>
        ),
    },
  ];
  return (
    <>
      <p className="finance-muted" aria-live="polite">
        {t('ledger.count', { count: entries.length })}
      </p>
      <DataTable
        caption={t('ledger.tableCaption')}
        columns={columns}
        rows={entries}
        rowKey={(e) => e.id}
        className="finance-table"
      />
    </>
  );
}
