// Account search for ops: filters kept in the address, keyset pages ("Show more"), a table that becomes cards
// on a phone.

import {
  ACCOUNT_STATUSES,
  HEALTH_FILTERS,
  RENEWAL_WINDOWS,
  type TAccountSearchRow,
} from '@portal/shared/schemas/ops-workspace';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SelectField } from '@/components/ui/select-field';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { type AccountFilters, useAccountSearch } from '@/features/ops-workspace/api/search-accounts';
import { AccountRecordForm } from '@/features/ops-workspace/components/record-forms';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

const FILTER_KEYS = ['q', 'status', 'health', 'window', 'currency'] as const;

function filtersFrom(search: URLSearchParams): AccountFilters {
  const pick = <T extends string>(key: string, allowed: readonly T[]) => {
    const value = search.get(key);
    return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
  };
  const currency = search.get('currency');
  return {
    q: search.get('q') ?? undefined,
    status: pick('status', ACCOUNT_STATUSES),
    health: pick('health', HEALTH_FILTERS),
    window: pick('window', RENEWAL_WINDOWS),
    currency: currency && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : undefined,
  };
}

export function AccountsSearch() {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFrom(search);
  const [q, setQ] = useState(filters.q ?? '');
  const [currency, setCurrency] = useState(filters.currency ?? '');
  const query = useAccountSearch(filters);
  const navigate = useNavigate();
  const [isCreating, setIsCreating] = useState(false);

  const update = (next: Partial<AccountFilters>) => {
    const merged = { ...filters, ...next };
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = merged[key];
      if (value) params.set(key, String(value).trim());
    }
    setSearch(params, { replace: true });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: q.trim() || undefined, currency: currency.trim() || undefined });
  };
  const rows = query.data?.pages.flatMap((page) => page.rows) ?? [];

  return (
    <div className="stack">
      {isCreating ? (
        <div className="card">
          <AccountRecordForm
            account={null}
            headingLevel={2}
            onSaved={(id) => void navigate(paths.opsAccount(id))}
            onClose={() => setIsCreating(false)}
          />
        </div>
      ) : (
        <div>
          <Button onClick={() => setIsCreating(true)}>{t('records.newAccount')}</Button>
        </div>
      )}
      <form className="pipeline-filters" onSubmit={onSubmit} aria-label={t('accounts.filters')}>
        <TextField
          label={t('accounts.search')}
          type="search"
          value={q}
          placeholder={t('accounts.searchPlaceholder')}
          onChange={(event) => setQ(event.target.value)}
        />
        <SelectField
          label={t('accounts.status.label')}
          value={filters.status ?? ''}
          onChange={(event) =>
            update({ status: (event.target.value || undefined) as AccountFilters['status'] })
          }
          options={[
            { value: '', label: t('accounts.status.any') },
            ...ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accounts.status.${s}`) })),
          ]}
        />
        <SelectField
          label={t('accounts.health.label')}
          value={filters.health ?? ''}
          onChange={(event) =>
            update({ health: (event.target.value || undefined) as AccountFilters['health'] })
          }
          options={[
            { value: '', label: t('accounts.health.any') },
            ...HEALTH_FILTERS.map((h) => ({ value: h, label: t(`accounts.health.${h}`) })),
          ]}
        />
        <SelectField
          label={t('accounts.window.label')}
          value={filters.window ?? ''}
          onChange={(event) =>
            update({ window: (event.target.value || undefined) as AccountFilters['window'] })
          }
          options={[
            { value: '', label: t('accounts.window.any') },
            ...RENEWAL_WINDOWS.map((w) => ({ value: w, label: t(`accounts.window.${w}`) })),
          ]}
        />
        <TextField
          label={t('accounts.currency')}
          value={currency}
          maxLength={3}
          onChange={(event) => setCurrency(event.target.value)}
        />
        <Button type="submit" variant="secondary">
          {t('accounts.apply')}
        </Button>
      </form>
      {query.isPending ? (
        <SkeletonList label={t('accounts.loading')} rows={3} />
      ) : query.isError ? (
        <ErrorState
          title={t('accounts.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyState title={t('accounts.empty')} />
      ) : (
        <>
          <AccountRows rows={rows} />
          {query.hasNextPage ? (
            <Button
              variant="secondary"
              isLoading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('accounts.more')}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}

function AccountRows({ rows }: { rows: readonly TAccountSearchRow[] }) {
  const { t } = useTranslation('opsWorkspace');
  const format = useFormat();
  const columns: DataColumn<TAccountSearchRow>[] = [
    {
      id: 'name',
      label: t('accounts.name'),
      isRowHeader: true,
      cell: (row) => <Link to={paths.opsAccount(row.id)}>{row.name}</Link>,
    },
    { id: 'status', label: t('accounts.status.label'), cell: (row) => t(`accounts.status.${row.status}`) },
    {
      id: 'health',
      label: t('accounts.healthColumn'),
      cell: (row) =>
        row.health ? (
          <Badge tone={row.health.isAtRisk ? 'warning' : 'success'}>
            {row.health.isAtRisk ? t('accounts.atRisk') : t('accounts.healthy')} · {row.health.score}
          </Badge>
        ) : (
          t('accounts.noHealth')
        ),
    },
    {
      id: 'termEnd',
      label: t('accounts.nextTermEnd'),
      cell: (row) => (row.nextTermEnd ? format.date(row.nextTermEnd) : '—'),
    },
    { id: 'currency', label: t('accounts.currency'), cell: (row) => row.currency },
  ];
  return <DataTable caption={t('accounts.caption')} columns={columns} rows={rows} rowKey={(row) => row.id} />;
}
