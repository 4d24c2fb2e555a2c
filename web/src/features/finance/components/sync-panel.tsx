// The Stripe sync at a glance: how far it has pulled, the last run, and "Sync with Stripe now" (the run goes
// on in the background; its status is polled and every finance view refreshes when it ends).

import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LiveRegion } from '@/components/ui/live-region';
import { useStartSync, useSyncStatus } from '@/features/finance/api/sync';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { isApiError } from '@/lib/api-client';

export function SyncPanel() {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const status = useSyncStatus();
  const start = useStartSync();
  const sync = status.data;
  const transactions = sync?.streams.find((s) => s.stream === 'balance_transactions');
  const lastRun = sync?.runs[0];
  const isRunning = sync?.isRunning ?? false;

  return (
    <Card
      title={t('sync.title')}
      actions={
        <Button
          variant="secondary"
          size="sm"
          isLoading={start.isPending || isRunning}
          onClick={() => start.mutate()}
        >
          {isRunning ? t('sync.running') : t('sync.syncNow')}
        </Button>
      }
    >
      <div className="finance-facts">
        <p>
          {transactions?.syncedThrough
            ? t('sync.syncedThrough', { when: format.timestamp(transactions.syncedThrough) })
            : t('sync.neverSynced')}
          {transactions?.isResuming ? ` (${t('sync.resuming')})` : ''}
        </p>
        {lastRun ? (
          <p className="finance-muted">
            {t('sync.lastRun', {
              status: t(`sync.runStatus.${lastRun.status}`),
              transactions: format.number(lastRun.transactions),
              requests: format.number(lastRun.requests),
              limited: format.number(lastRun.rateLimited),
            })}
          </p>
        ) : null}
        {sync ? <p className="finance-muted">{t('sync.pace', { rate: sync.requestsPerSecond })}</p> : null}
      </div>
      <LiveRegion>
        {start.isError ? (
          <Alert tone="info">
            {isApiError(start.error, 409) ? t('sync.alreadyRunning') : start.error.message}
          </Alert>
        ) : null}
      </LiveRegion>
    </Card>
  );
}
