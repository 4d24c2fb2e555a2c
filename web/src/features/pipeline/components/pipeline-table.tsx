// The renewal pipeline for ops: filters (window, risk, search) kept in the address, sortable columns
// (aria-sort), a CSV download of the same rows, and each row's health with the factors behind it.

import { PIPELINE_WINDOWS, type TPipelineRow, ZPipelineQuery } from '@portal/shared/schemas/value-reports';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
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
  const header = (key: SortKey, label: string, isNumeric = false) => {
    const isActive = sortKey === key;
    const next = (isActive && !isDescending ? `-${key}` : key) as PipelineFilters['sort'];
    return (
      <th
        scope="col"
        className={isNumeric ? 'numeric' : undefined}
        aria-sort={isActive ? (isDescending ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => onSort(next)}
          aria-label={t('sortBy', { column: label })}
        >
          {label}
          <span aria-hidden="true">{isActive ? (isDescending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <p className="vr-muted" aria-live="polite">
        {t('count', { count: rows.length })}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="table-scroll" aria-label={t('tableCaption')} tabIndex={0}>
        <table className="table pipeline-table">
          <caption className="sr-only">{t('tableCaption')}</caption>
          <thead>
            <tr>
              {header('account', t('columns.account'))}
              <th scope="col">{t('columns.subscription')}</th>
              <th scope="col">{t('columns.plan')}</th>
              {header('termEnd', t('columns.termEnd'))}
              <th scope="col" className="numeric">
                {t('columns.daysLeft')}
              </th>
              <th scope="col">{t('columns.status')}</th>
              {header('annualValue', t('columns.annualValue'), true)}
              {header('health', t('columns.health'), true)}
              <th scope="col">{t('columns.riskReasons')}</th>
              <th scope="col">{t('columns.autoRenew')}</th>
              <th scope="col">{t('columns.lastNotice')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.subscriptionId}>
                <th scope="row">{row.accountName}</th>
                <td>
                  {row.subscriptionLabel}
                  <span className="pipeline-table__id">{row.subscriptionId}</span>
                </td>
                <td>{row.planName}</td>
                <td>{format.date(row.lastDay)}</td>
                <td className="numeric">{row.daysLeft}</td>
                <td>{tApp(`status.${row.status}`)}</td>
                <td className="numeric">{format.money(row.annualValue)}</td>
                <td className="numeric">
                  <Health row={row} />
                </td>
                <td>
                  {row.health.riskReasons.length > 0 ? (
                    <ul className="pipeline-table__reasons">
                      {row.health.riskReasons.map((reason) => (
                        <li key={reason}>{t(`reasons.${reason}`)}</li>
                      ))}
                    </ul>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{row.autoRenew ? t('yes') : t('no')}</td>
                <td>{row.lastNoticeSentAt ? format.timestamp(row.lastNoticeSentAt) : t('noNotice')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
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
