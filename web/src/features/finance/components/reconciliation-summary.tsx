// The latest reconciliation: when it ran, how far the portal is expected at Stripe, whether it repeated the
// run before, and how many lines fell in each class; a download of every line.

import { RECON_CLASSES } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { reconciliationCsvUrl, useReconciliation } from '@/features/finance/api/get-reconciliation';
import { useRunReconciliation } from '@/features/finance/api/run-reconciliation';
import { ReconClassBadge } from '@/features/finance/components/recon-class-badge';
import { useFinanceFormat } from '@/features/finance/utils/format';

export function ReconciliationSummary() {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const query = useReconciliation({ limit: 1 });
  const run = query.data?.run;
  const again = useRunReconciliation();

  return (
    <Card
      title={t('reconciliation.countsTitle')}
      actions={
        <>
          <Button variant="secondary" size="sm" isLoading={again.isPending} onClick={() => again.mutate()}>
            {t('reconciliation.runNow')}
          </Button>
          <a className="button button--secondary button--sm" href={reconciliationCsvUrl()} download>
            {t('reconciliation.downloadAll')}
          </a>
        </>
      }
    >
      {query.isPending ? (
        <SkeletonList label={t('common.loading')} rows={2} />
      ) : !run ? (
        <p>{t('reconciliation.noRun')}</p>
      ) : (
        <div className="stack">
          <p>
            {t('reconciliation.lastRun', { when: format.timestamp(run.finishedAt ?? run.startedAt) })} ·{' '}
            {t('reconciliation.transactions', { count: run.transactionCount })}
            {run.isSameAsPrevious === null
              ? null
              : ` · ${run.isSameAsPrevious ? t('reconciliation.same') : t('reconciliation.changed')}`}
          </p>
          {run.horizon ? (
            <p className="finance-muted">
              {t('reconciliation.horizon', { when: format.timestamp(run.horizon) })}
            </p>
          ) : null}
          <ul className="finance-counts">
            {RECON_CLASSES.map((cls) => (
              <li key={cls}>
                <ReconClassBadge value={cls} />
                <span className="finance-counts__value">{format.number(run.counts[cls] ?? 0)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
