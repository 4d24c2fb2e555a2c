// The ops page for the catalog's prices and the pricing rules, with the published versions.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { Spinner } from '@/components/ui/spinner';
import { useCatalog } from '@/features/catalog/api/get-catalog';
import { usePricingRules } from '@/features/catalog/api/get-pricing-rules';
import { PlanPricesEditor } from '@/features/catalog/components/plan-prices-editor';
import { PricingRulesForm } from '@/features/catalog/components/pricing-rules-form';
import '@/features/catalog/catalog.css';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

export function PricingPage() {
  const { t } = useTranslation('catalog');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const catalog = useCatalog();
  const rules = usePricingRules();
  const [publishedVersion, setPublishedVersion] = useState<number | null>(null);

  return (
    <div className="pricing-page">
      <Card title={t('pricesTitle')}>
        {catalog.isPending ? <Spinner label={t('loading')} /> : null}
        {catalog.isError ? (
          <ErrorState
            title={t('loadFailed')}
            detail={apiErrorMessage(catalog.error, tApp)}
            retryLabel={tApp('common.tryAgain')}
            onRetry={() => void catalog.refetch()}
          />
        ) : null}
        {catalog.data ? (
          <div className="stack stack--lg">
            {catalog.data.map((plan) => (
              <PlanPricesEditor key={plan.code} plan={plan} />
            ))}
          </div>
        ) : null}
      </Card>
      <Card title={t('rulesTitle')}>
        {rules.isPending ? <Spinner label={t('loading')} /> : null}
        {rules.isError ? (
          <ErrorState
            title={t('loadFailed')}
            detail={apiErrorMessage(rules.error, tApp)}
            retryLabel={tApp('common.tryAgain')}
            onRetry={() => void rules.refetch()}
          />
        ) : null}
        {rules.data ? (
          <div className="stack stack--lg">
            <LiveRegion>
              {publishedVersion ? (
                <Alert tone="success">{t('published', { version: publishedVersion })}</Alert>
              ) : null}
            </LiveRegion>
            <PricingRulesForm
              key={rules.data.current.version}
              current={rules.data.current}
              onPublished={setPublishedVersion}
            />
            <section aria-labelledby="rules-history">
              <h3 id="rules-history" className="plan-prices__title">
                {t('versions')}
              </h3>
              <ol className="rules-history" reversed>
                {rules.data.history.map((version) => (
                  <li key={version.version}>
                    <span className="rules-history__version">
                      {t('version', { version: version.version })}
                    </span>{' '}
                    {version.publishedAt
                      ? t('publishedBy', {
                          date: format.timestamp(version.publishedAt),
                          by: version.publishedBy,
                        })
                      : null}
                    {version.note ? <span className="muted"> · {version.note}</span> : null}
                  </li>
                ))}
              </ol>
            </section>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
