// The renewal pipeline for ops: filters (window, risk, search) kept in the address, sortable columns
// (aria-sort), a CSV download of the same rows, and each row's health with the factors behind it.

import { PIPELINE_WINDOWS, type TPipelineRow, ZPipelineQuery } from '@portal/shared/schemas/value-reports';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SelectField } from '@/components/ui/select-field';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { type PipelineFilters, pipelineCsvUrl, usePipeline } from '@/features/pipeline/api/get-pipeline';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

type SortKey = 'account' | 'termEnd' | 'annualValue' | 'health';

function filtersFrom(search: URLSearchParams): PipelineFilters {
  const parsed = ZPipelineQuery.safeParse(Object.fromEntries(search));
  const value = parsed.success ? parsed.data : ZPipelineQuery.parse({});
  return { window: value.window, sort: value.sort, risk: value.risk, q: value.q ?? '' };
}

export function PipelineTable() {
  const { t } = useTranslation('pipeline');
  const { t: tApp } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFrom(search);
  const [q, setQ] = useState(filters.q);
  const query = usePipeline(filters);

  const update = (next: Partial<PipelineFilters>) => {
    const merged = { ...filters, ...next };
    const params = new URLSearchParams();
    if (merged.window !== 'all') params.set('window', merged.window);
    if (merged.risk !== 'all') params.set('risk', merged.risk);
    if (merged.sort !== 'termEnd') params.set('sort', merged.sort);
    if (merged.q.trim()) params.set('q', merged.q.trim());
    setSearch(params, { replace: true });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update({ q });
  };

  return (
    <div className="stack">
      <form className="pipeline-filters" onSubmit={onSubmit} aria-label={t('filters')}>
        <SelectField
          label={t('window.label')}
          value={filters.window}
          onChange={(event) => update({ window: event.target.value as PipelineFilters['window'] })}
          options={PIPELINE_WINDOWS.map((w) => ({ value: w, label: t(`window.${w}`) }))}
        />
        <SelectField
          label={t('risk.label')}
          value={filters.risk}
          onChange={(event) => update({ risk: event.target.value as PipelineFilters['risk'] })}
          options={[
            { value: 'all', label: t('risk.all') },
            { value: 'at_risk', label: t('risk.at_risk') },
          ]}
        />
        <TextField
          label={t('search')}
          type="search"
          value={q}
          placeholder={t('searchPlaceholder')}
          onChange={(event) => setQ(event.target.value)}
        />
        <Button type="submit" variant="secondary">
          {t('apply')}
        </Button>
        <a className="button button--secondary" href={pipelineCsvUrl(filters)} download>
          {t('downloadCsv')}
        </a>
      </form>
      {query.isPending ? (
        <SkeletonList label={t('loading')} rows={3} />
      ) : query.isError ? (
        <ErrorState
          title={t('loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : query.data.rows.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <Rows rows={query.data.rows} sort={filters.sort} onSort={(sort) => update({ sort })} />
      )}
    </div>
  );
}

function Rows({
  rows,
  sort,
  onSort,
}: {
  rows: readonly TPipelineRow[];
  sort: PipelineFilters['sort'];
  onSort: (sort: PipelineFilters['sort']) => void;
}) {
  const { t } = useTranslation('pipeline');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const sortKey = sort.replace(/^-/, '') as SortKey;
  const isDescending = sort.startsWith('-');
  const sortable = (
    key: SortKey,
    label: string,
  ): Pick<DataColumn<TPipelineRow>, 'header' | 'headerProps'> => {
    const isActive = sortKey === key;
    const next = (isActive && !isDescending ? `-${key}` : key) as PipelineFilters['sort'];
    return {
      headerProps: { 'aria-sort': isActive ? (isDescending ? 'descending' : 'ascending') : undefined },
      header: (
        <button
          type="button"
          className="sort-button"
          onClick={() => onSort(next)}
          aria-label={t('sortBy', { column: label })}
        >
          {label}
          <span aria-hidden="true">{isActive ? (isDescending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      ),
    };
  };
  // Eight columns so the table fits its card at 1280 px: the plan sits under the subscription, the days
  // left under the last day, and auto-renew under the status.
  const columns: DataColumn<TPipelineRow>[] = [
    {
      id: 'account',
      label: t('columns.account'),
      isRowHeader: true,
      ...sortable('account', t('columns.account')),
      cell: (row) => row.accountName,
    },
    {
      id: 'subscription',
      label: t('columns.subscription'),
      cell: (row) => (
        <span>
          {row.subscriptionLabel}
          <span className="pipeline-table__id">{row.subscriptionId}</span>
          <span className="pipeline-table__sub">{row.planName}</span>
        </span>
      ),
    },
    {
      id: 'termEnd',
      label: t('columns.termEnd'),
      ...sortable('termEnd', t('columns.termEnd')),
      cell: (row) => (
        <span>
          {format.date(row.lastDay)}
          <span className="pipeline-table__sub">{t('daysLeft', { count: row.daysLeft })}</span>
        </span>
      ),
    },
    {
      id: 'status',
      label: t('columns.status'),
      cell: (row) => (
        <span>
          {tApp(`status.${row.status}`)}
          <span className="pipeline-table__sub">{row.autoRenew ? t('autoRenewOn') : t('autoRenewOff')}</span>
        </span>
      ),
    },
    {
      id: 'annualValue',
      label: t('columns.annualValue'),
      isNumeric: true,
      ...sortable('annualValue', t('columns.annualValue')),
      cell: (row) => format.money(row.annualValue),
    },
    {
      id: 'health',
      label: t('columns.health'),
      isNumeric: true,
      ...sortable('health', t('columns.health')),
      cell: (row) => <Health row={row} />,
    },
    {
      id: 'riskReasons',
      label: t('columns.riskReasons'),
      cell: (row) =>
        row.health.riskReasons.length > 0 ? (
          <ul className="pipeline-table__reasons">
            {row.health.riskReasons.map((reason) => (
              <li key={reason}>{t(`reasons.${reason}`)}</li>
            ))}
          </ul>
        ) : (
          '—'
        ),
    },
    {
      id: 'lastNotice',
      label: t('columns.lastNotice'),
      cell: (row) => (row.lastNoticeSentAt ? format.timestamp(row.lastNoticeSentAt) : t('noNotice')),
    },
  ];

  return (
    <>
      <p className="vr-muted" aria-live="polite">
        {t('count', { count: rows.length })}
      </p>
      <DataTable
        caption={t('tableCaption')}
        columns={columns}
        rows={rows}
        rowKey={(row) => row.subscriptionId}
        className="pipeline-table"
      />
    </>
  );
}

function Health({ row }: { row: TPipelineRow }) {
  const { t } = useTranslation('pipeline');
  const health = row.health;
  return (
    <details className="pipeline-health">
      <summary>
        <span className="numeric">{t('healthScore', { score: health.score })}</span>{' '}
        <Badge tone={health.isAtRisk ? 'danger' : 'success'}>
          {health.isAtRisk ? t('atRisk') : t('healthy')}
        </Badge>
      </summary>
      <p className="pipeline-health__title">{t('factorsTitle')}</p>
      <ul className="pipeline-health__factors">
        {health.factors.map((f) => (
          <li key={f.factor}>
            {t(`factors.${f.factor}`)}: {f.value ?? '—'} ·{' '}
            {t('factorPoints', { points: f.points, max: f.maxPoints })}
          </li>
        ))}
      </ul>
    </details>
  );
}
