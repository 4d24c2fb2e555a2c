// /ops/pricing: the catalog's per-seat prices, the versioned pricing rules and the save offers (ops only).

import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Card } from '@/components/ui/card';
import { getCatalogQueryOptions } from '@/features/catalog/api/get-catalog';
import { getPricingRulesQueryOptions } from '@/features/catalog/api/get-pricing-rules';
import { PricingPage } from '@/features/catalog/components/pricing-page';
import { getSaveOffersQueryOptions } from '@/features/retention/api/save-offers';
import '@/features/retention/retention.css';
import { SaveOffersForm } from '@/features/retention/components/save-offers-form';

export const pricingLoader = (queryClient: QueryClient) => async () => {
  await prefetchForRoles(queryClient, ['ops'], getCatalogQueryOptions());
  await prefetchForRoles(queryClient, ['ops'], getSaveOffersQueryOptions());
  return prefetchForRoles(queryClient, ['ops'], getPricingRulesQueryOptions());
};

export function PricingRoute() {
  const { t } = useTranslation('catalog');
  const { t: tRetention } = useTranslation('retention');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('title')} titleSuffix={tApp('app.name')} lead={t('intro')}>
        <div className="stack">
          <PricingPage />
          <Card title={tRetention('saveOffers.title')}>
            <SaveOffersForm />
          </Card>
        </div>
      </ContentLayout>
    </RequireRole>
  );
}
