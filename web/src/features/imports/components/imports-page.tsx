// CSV import for ops: choose the kind, download its template, upload a file; the dry run's outcome per row
// (filtered, page by page), Apply after a confirmation, a progress bar while it works (the import shown is
// in the address, so a reload keeps it), and the history.

import {
  IMPORT_KINDS,
  OUTCOMES,
  type TImport,
  type TImportKind,
  type TImportRow,
  type TOutcome,
} from '@portal/shared/schemas/imports';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SelectField } from '@/components/ui/select-field';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { ROWS_PAGE_SIZE, useImportRows } from '@/features/imports/api/get-import-rows';
import {
  errorsCsvUrl,
  isWorking,
  templateUrl,
  useImport,
  useImports,
} from '@/features/imports/api/get-imports';
import { useApplyImport, useUploadImport } from '@/features/imports/api/upload-import';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

export function ImportsPage() {
  const [search, setSearch] = useSearchParams();
  const selectedId = search.get('id');
  const select = (id: string) => setSearch(new URLSearchParams({ id }));
  return (
    <div className="stack stack--lg">
      <UploadForm onUploaded={select} />
      {selectedId ? <ImportPanel id={selectedId} /> : null}
      <History selectedId={selectedId} />
    </div>
  );
}

function UploadForm({ onUploaded }: { onUploaded: (id: string) => void }) {
  const { t } = useTranslation('imports');
  const { t: tApp } = useTranslation();
  const [kind, setKind] = useState<TImportKind>('accounts');
  const [file, setFile] = useState<File | null>(null);
  const fileId = useId();
  const upload = useUploadImport();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    upload.mutate({ kind, file }, { onSuccess: (created) => onUploaded(created.id) });
  };
  return (
    <Card title={t('upload.title')}>
      <form className="imports-form" onSubmit={onSubmit}>
        <SelectField
          label={t('upload.kind')}
          value={kind}
          onChange={(event) => setKind(event.target.value as TImportKind)}
          options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <a className="button button--secondary" href={templateUrl(kind)} download>
          {t('upload.template', { kind: t(`kind.${kind}`) })}
        </a>
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            {t('upload.file')}
          </label>
          <input
            id={fileId}
            className="field__input"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <Button type="submit" disabled={!file} isLoading={upload.isPending}>
          {t('upload.submit')}
        </Button>
      </form>
      <p className="field__hint">{t('upload.hint')}</p>
      {upload.isError ? (
        <Alert tone="error" title={t('upload.failed')}>
          {apiErrorMessage(upload.error, tApp)}
        </Alert>
      ) : null}
    </Card>
  );
}

const STATE_TONE = {
  checking: 'info',
  checked: 'warning',
  applying: 'info',
  applied: 'success',
  failed: 'danger',
} as const;

function ImportPanel({ id }: { id: string }) {
  const { t } = useTranslation('imports');
  const { t: tApp } = useTranslation();
  const query = useImport(id);
  const apply = useApplyImport();
  const [isConfirming, setConfirming] = useState(false);
  if (query.isPending) return <SkeletonList label={t('loading')} rows={2} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const item = query.data;
  const isApplyPhase = item.state === 'applying' || item.state === 'applied';
  const counts = isApplyPhase ? item.result : item.dryRun;
  const refused = counts.refused;
  return (
    <Card
      title={t('panel.title', { file: item.fileName })}
      actions={<Badge tone={STATE_TONE[item.state]}>{t(`state.${item.state}`)}</Badge>}
    >
      <div className="stack">
        <p>
          {t('panel.summary', { kind: t(`kind.${item.kind}`), rows: item.totalRows, count: item.totalRows })}
        </p>
        {isWorking(item) ? <Progress item={item} /> : null}
        {item.error ? <Alert tone="error">{item.error}</Alert> : null}
        <Counts title={isApplyPhase ? t('panel.result') : t('panel.dryRun')} counts={counts} />
        <div className="imports-actions">
          {item.state === 'checked' ? (
            <Button onClick={() => setConfirming(true)}>{t('apply.button')}</Button>
          ) : null}
          {refused > 0 && !isWorking(item) ? (
            <a className="button button--secondary" href={errorsCsvUrl(item.id)} download>
              {t('panel.errorsCsv', { count: refused })}
            </a>
          ) : null}
        </div>
        {apply.isError ? <Alert tone="error">{apiErrorMessage(apply.error, tApp)}</Alert> : null}
        <RowsTable item={item} />
      </div>
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('apply.confirmTitle')}
        confirmLabel={t('apply.confirm')}
        cancelLabel={tApp('common.cancel')}
        isBusy={apply.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => apply.mutate(item.id, { onSettled: () => setConfirming(false) })}
      >
        <p>
          {t('apply.confirmBody', {
            created: item.dryRun.created,
            updated: item.dryRun.updated,
            refused: item.dryRun.refused,
          })}
        </p>
      </ConfirmDialog>
    </Card>
  );
}

function Progress({ item }: { item: TImport }) {
  const { t } = useTranslation('imports');
  const done = item.state === 'applying' ? item.appliedRows : item.checkedRows;
  const total = Math.max(item.totalRows, 1);
  const percent = Math.round((done / total) * 100);
  const label = item.state === 'applying' ? t('progress.applying') : t('progress.checking');
  return (
    <div className="imports-progress">
      <div
        className="imports-progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={item.totalRows}
        aria-valuenow={done}
        aria-valuetext={t('progress.text', { done, total: item.totalRows, percent })}
      >
        <div className="imports-progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="field__hint">
        {label} · {t('progress.text', { done, total: item.totalRows, percent })}
      </p>
    </div>
  );
}

function Counts({ title, counts }: { title: string; counts: TImport['result'] }) {
  const { t } = useTranslation('imports');
  return (
    <dl className="imports-counts" aria-label={title}>
      {OUTCOMES.map((outcome) => (
        <div key={outcome}>
          <dt>{t(`outcome.${outcome}`)}</dt>
          <dd>{counts[outcome]}</dd>
        </div>
      ))}
    </dl>
  );
}

function RowsTable({ item }: { item: TImport }) {
  const { t } = useTranslation('imports');
  const { t: tApp } = useTranslation();
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const [page, setPage] = useState(1);
  const version = `${item.state}:${item.checkedRows}:${item.appliedRows}`;
  const query = useImportRows(item.id, { outcome, page }, version);
  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / ROWS_PAGE_SIZE)) : 1;
  const columns: DataColumn<TImportRow>[] = [
    {
      id: 'row',
      label: t('rows.row'),
      isRowHeader: true,
      cell: (row) => t('rows.rowNumber', { row: row.row }),
    },
    { id: 'key', label: t('rows.key'), cell: (row) => row.key ?? '—' },
    {
      id: 'dry',
      label: t('rows.dryOutcome'),
      cell: (row) => (row.dryOutcome ? t(`outcome.${row.dryOutcome}`) : '—'),
    },
    {
      id: 'outcome',
      label: t('rows.outcome'),
      cell: (row) => (row.outcome ? t(`outcome.${row.outcome}`) : '—'),
    },
    {
      id: 'reason',
      label: t('rows.reason'),
      cell: (row) =>
        row.errors.length ? (
          <ul className="imports-reasons">
            {row.errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div className="stack">
      <h3>{t('rows.title')}</h3>
      <SelectField
        label={t('rows.filter')}
        value={outcome ?? ''}
        onChange={(event) => {
          setOutcome((event.target.value || null) as TOutcome | null);
          setPage(1);
        }}
        options={[
          { value: '', label: t('rows.all') },
          ...OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) })),
        ]}
      />
      {query.isPending ? (
        <SkeletonList label={t('loading')} rows={3} />
      ) : query.isError ? (
        <ErrorState title={t('loadFailed')} detail={apiErrorMessage(query.error, tApp)} />
      ) : query.data.rows.length === 0 ? (
        <EmptyState title={t('rows.empty')} headingLevel={3} />
      ) : (
        <>
          <DataTable
            caption={t('rows.title')}
            columns={columns}
            rows={query.data.rows}
            rowKey={(r) => String(r.row)}
          />
          <nav className="imports-pager" aria-label={t('rows.pages')}>
            <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('rows.previous')}
            </Button>
            <span>{t('rows.pageOf', { page, pages })}</span>
            <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('rows.next')}
            </Button>
          </nav>
        </>
      )}
    </div>
  );
}

function History({ selectedId }: { selectedId: string | null }) {
  const { t } = useTranslation('imports');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useImports();
  const columns: DataColumn<TImport>[] = [
    {
      id: 'file',
      label: t('history.file'),
      isRowHeader: true,
      cell: (item) => (
        <Link
          to={`?id=${encodeURIComponent(item.id)}`}
          aria-current={item.id === selectedId ? 'true' : undefined}
        >
          {item.fileName}
        </Link>
      ),
    },
    { id: 'kind', label: t('history.kind'), cell: (item) => t(`kind.${item.kind}`) },
    {
      id: 'who',
      label: t('history.who'),
      cell: (item) => (
        <span>
          {item.createdBy}
          <br />
          <small>{format.timestamp(item.createdAt)}</small>
        </span>
      ),
    },
    {
      id: 'state',
      label: t('history.state'),
      cell: (item) => <Badge tone={STATE_TONE[item.state]}>{t(`state.${item.state}`)}</Badge>,
    },
    {
      id: 'counts',
      label: t('history.counts'),
      cell: (item) => {
        const counts = item.state === 'applied' || item.state === 'applying' ? item.result : item.dryRun;
        return OUTCOMES.map((o) => `${t(`outcome.${o}`)} ${counts[o]}`).join(' · ');
      },
    },
    {
      id: 'errors',
      label: t('history.errors'),
      isActions: true,
      cell: (item) =>
        (item.state === 'applied' ? item.result.refused : item.dryRun.refused) > 0 && !isWorking(item) ? (
          <a href={errorsCsvUrl(item.id)} download>
            {t('history.errorsCsv')}
          </a>
        ) : null,
    },
  ];
  return (
    <Card title={t('history.title')}>
      {query.isPending ? (
        <SkeletonList label={t('loading')} rows={3} />
      ) : query.isError ? (
        <ErrorState
          title={t('loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : query.data.length === 0 ? (
        <EmptyState title={t('history.empty')} headingLevel={3} />
      ) : (
        <DataTable caption={t('history.caption')} columns={columns} rows={query.data} rowKey={(i) => i.id} />
      )}
    </Card>
  );
}
