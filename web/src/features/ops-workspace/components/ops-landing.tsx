// The ops landing page: today's renewal run, subscriptions due in 30/60/90 days, at-risk accounts, open
// finance exceptions and (when the webhooks feature answers) failed webhook deliveries.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { useWorkspace } from '@/features/ops-workspace/api/get-workspace';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

export function OpsLanding() {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useWorkspace();
  if (query.isPending) return <SkeletonList label={t('landing.loading')} rows={4} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('landing.loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const s = query.data;
  return (
    <div className="ops-tiles">
      <Card title={t('landing.run')}>
        {s.run ? (
          <p>
            <Badge
              tone={s.run.status === 'failed' ? 'danger' : s.run.status === 'succeeded' ? 'success' : 'info'}
            >
              {t(`landing.runStatus.${s.run.status as 'running' | 'succeeded' | 'failed' | 'interrupted'}`)}
            </Badge>{' '}
            {s.runIsToday
              ? format.date(s.run.forDate)
              : t('landing.runNotToday', { date: format.date(s.run.forDate) })}
          </p>
        ) : (
          <p>{t('landing.runNone')}</p>
        )}
        <Link to={paths.opsRenewals}>{t('landing.runOpen')}</Link>
      </Card>
      <Card title={t('landing.due')}>
        <ul className="ops-tiles__figures">
          {([30, 60, 90] as const).map((days) => (
            <li key={days}>
              <span className="ops-tiles__figure">{s.due[`in${days}`]}</span> {t('landing.dueIn', { days })}
            </li>
          ))}
        </ul>
        <Link to={paths.opsPipeline}>{t('landing.dueOpen')}</Link>
      </Card>
      <Card title={t('landing.atRisk')}>
        {s.atRisk.count === 0 ? (
          <p>{t('landing.atRiskNone')}</p>
        ) : (
          <>
            <p>{t('landing.atRiskCount', { count: s.atRisk.count })}</p>
            <ul>
              {s.atRisk.top.map((row) => (
                <li key={row.subscriptionId}>
                  <Link to={paths.opsAccount(row.accountId)}>{row.accountName}</Link> ·{' '}
                  {t('landing.score', { score: row.score })}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <Card title={t('landing.financeExceptions')}>
        <p className="ops-tiles__figure">{s.openFinanceExceptions}</p>
      </Card>
      {s.failedWebhookDeliveries === null ? null : (
        <Card title={t('landing.failedDeliveries')}>
          <p className="ops-tiles__figure">{s.failedWebhookDeliveries}</p>
        </Card>
      )}
    </div>
  );
}
