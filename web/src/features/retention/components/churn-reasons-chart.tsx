// The churn-reasons chart on the KPIs page: how often each reason was given in the last 12 months, as bars
// with their counts written out (the bars are decoration; the numbers are the text), and what save offers did.

import { useTranslation } from 'react-i18next';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useChurnReasons } from '@/features/retention/api/get-churn-reasons';
import '@/features/retention/retention.css';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

export function ChurnReasonsChart() {
  const { t } = useTranslation('retention');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useChurnReasons();
  return (
    <Card title={t('chart.title')}>
      {query.isPending ? <Spinner label={t('chart.loading')} /> : null}
      {query.isError ? (
        <ErrorState
          title={t('chart.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : null}
      {query.data ? (
        query.data.total === 0 ? (
          <p className="muted">{t('chart.empty')}</p>
        ) : (
          <div className="stack">
            <p className="muted">
              {t('chart.lead', { count: query.data.total, since: format.date(query.data.since) })}
            </p>
            <ul className="churn-reasons__list">
              {query.data.reasons.map((row) => {
                const max = Math.max(1, ...query.data.reasons.map((r) => r.count));
                return (
                  <li key={row.reason} className="churn-reasons__row">
                    <span>{t(`reasons.${row.reason}`)}</span>
                    <span className="churn-reasons__track" aria-hidden="true">
                      <span
                        className="churn-reasons__bar"
                        style={{ width: `${(row.count / max) * 100}%`, display: 'block' }}
                      />
                    </span>
                    <span className="numeric">{row.count}</span>
                  </li>
                );
              })}
            </ul>
            <p className="muted">
              {t('chart.offers', { shown: query.data.offersShown, accepted: query.data.offersAccepted })}
            </p>
          </div>
        )
      ) : null}
    </Card>
  );
}
