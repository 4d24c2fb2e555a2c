// Ops: run the renewals now (the demo button), see what the last run did and the recent runs.

import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { LiveRegion } from '@/components/ui/live-region';
import { useRenewalRuns, useRunRenewalsNow } from '@/features/auto-renew/api/renewal-runs';
import { runSummary } from '@/features/auto-renew/components/run-summary';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

const TONES: Record<string, BadgeTone> = {
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  interrupted: 'warning',
};

type TRun = NonNullable<ReturnType<typeof useRenewalRuns>['data']>['runs'][number];

export function RenewalRunPanel() {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const runs = useRenewalRuns();
  const runNow = useRunRenewalsNow();
  const lastRun = runNow.data?.run ?? null;
  const isRunning = runNow.isPending || runs.data?.isRunning === true;
  const columns: DataColumn<TRun>[] = [
    {
      id: 'date',
      label: t('ops.run.columns.date'),
      isRowHeader: true,
      cell: (run) => format.date(run.forDate),
    },
    {
      id: 'trigger',
      label: t('ops.run.columns.trigger'),
      cell: (run) =>
        t(`ops.run.triggers.${run.trigger as 'schedule' | 'ops' | 'script' | 'test' | 'bench'}`, {
          defaultValue: run.trigger,
        }),
    },
    {
      id: 'status',
      label: t('ops.run.columns.status'),
      cell: (run) => (
        <Badge tone={TONES[run.status] ?? 'neutral'}>{t(`ops.run.statuses.${run.status}`)}</Badge>
      ),
    },
    { id: 'started', label: t('ops.run.columns.started'), cell: (run) => format.timestamp(run.startedAt) },
    {
      id: 'stats',
      label: t('ops.run.columns.stats'),
      cell: (run) => (
        <span>
          {runSummary(run.stats, t).join(', ') || t('ops.run.nothing')}
          {run.error ? <span className="muted"> · {run.error}</span> : null}
        </span>
      ),
    },
  ];

  return (
    <div className="stack">
      <div>
        <Button isLoading={isRunning} onClick={() => runNow.mutate()}>
          {t('ops.run.button')}
        </Button>
      </div>
      {runNow.error ? <Alert tone="error">{apiErrorMessage(runNow.error, tApp)}</Alert> : null}
      <LiveRegion>
        {isRunning ? <p className="muted">{t('ops.run.running')}</p> : null}
        {!isRunning && lastRun && lastRun.status !== 'running' ? (
          <Alert tone={lastRun.status === 'succeeded' ? 'success' : 'error'}>
            {t('ops.run.finished', {
              date: format.date(lastRun.forDate),
              summary: runSummary(lastRun.stats, t).join(', ') || t('ops.run.nothing'),
            })}
          </Alert>
        ) : null}
      </LiveRegion>
      <h3 className="field__label">{t('ops.run.history')}</h3>
      {runs.data && runs.data.runs.length === 0 ? <p className="muted">{t('ops.run.empty')}</p> : null}
      {runs.data && runs.data.runs.length > 0 ? (
        <DataTable
          caption={t('ops.run.history')}
          columns={columns}
          rows={runs.data.runs}
          rowKey={(run) => run.id}
        />
      ) : null}
    </div>
  );
}
