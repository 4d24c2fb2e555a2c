// The audit log for ops: filters (actor, account, entity type, action, dates) kept in the address, keyset
// pages ("Show older"), and a CSV download of the same filtered rows.

import type { TAuditLogRow } from '@portal/shared/schemas/ops-workspace';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { type AuditFilters, auditCsvUrl, useAuditLog } from '@/features/ops-workspace/api/get-audit-log';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

const KEYS = ['actor', 'accountId', 'entityType', 'action', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function filtersFrom(search: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of KEYS) {
    const value = search.get(key)?.trim();
    if (!value) continue;
    if ((key === 'from' || key === 'to') && !DAY.test(value)) continue;
    filters[key] = value;
  }
  return filters;
}

export function AuditLog() {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFrom(search);
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const query = useAuditLog(filters);
  const rows = query.data?.pages.flatMap((p) => p.rows) ?? [];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const key of KEYS) {
      const value = draft[key]?.trim();
      if (value) params.set(key, value);
    }
    setSearch(params, { replace: true });
  };
  const field = (key: (typeof KEYS)[number], type: 'text' | 'date' = 'text') => (
    <TextField
      key={key}
      label={t(`audit.${key}`)}
      type={type}
      value={draft[key] ?? ''}
      onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
    />
  );
  const columns: DataColumn<TAuditLogRow>[] = [
    { id: 'at', label: t('audit.at'), isRowHeader: true, cell: (r) => format.timestamp(r.at) },
    { id: 'actor', label: t('audit.actor'), cell: (r) => r.actor },
    { id: 'action', label: t('audit.action'), cell: (r) => r.action },
    {
      id: 'entity',
      label: t('audit.entity'),
      cell: (r) =>
        r.accountId ? (
          <Link to={paths.opsAccount(r.accountId)}>
            {r.entityType} {r.entityId}
          </Link>
        ) : (
          `${r.entityType} ${r.entityId}`
        ),
    },
    { id: 'reason', label: t('audit.reason'), cell: (r) => r.reason ?? '—' },
  ];
  return (
    <div className="stack">
      <form className="pipeline-filters" onSubmit={onSubmit} aria-label={t('audit.filters')}>
        {field('actor')}
        {field('accountId')}
        {field('entityType')}
        {field('action')}
        {field('from', 'date')}
        {field('to', 'date')}
        <Button type="submit" variant="secondary">
          {t('audit.apply')}
        </Button>
        <a className="button button--secondary" href={auditCsvUrl(filters)} download>
          {t('audit.downloadCsv')}
        </a>
      </form>
      {query.isPending ? (
        <SkeletonList label={t('audit.loading')} rows={3} />
      ) : query.isError ? (
        <ErrorState
          title={t('audit.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyState title={t('audit.empty')} />
      ) : (
        <>
          <DataTable caption={t('audit.caption')} columns={columns} rows={rows} rowKey={(r) => r.id} />
          {query.hasNextPage ? (
            <Button
              variant="secondary"
              isLoading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('audit.more')}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
