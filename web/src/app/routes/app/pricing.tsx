// /ops/pricing: the catalog's per-seat prices and the versioned pricing rules (ops only).

import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { getCatalogQueryOptions } from '@/features/catalog/api/get-catalog';
import { getPricingRulesQueryOptions } from '@/features/catalog/api/get-pricing-rules';
import { PricingPage } from '@/features/catalog/components/pricing-page';

export const pricingLoader = (queryClient: QueryClient) => async () => {
  await prefetchForRoles(queryClient, ['ops'], getCatalogQueryOptions());
  return prefetchForRoles(queryClient, ['ops'], getPricingRulesQueryOptions());
};

export function PricingRoute() {
  const { t } = useTranslation('catalog');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('title')} titleSuffix={tApp('app.name')} lead={t('intro')}>
        <PricingPage />
      </ContentLayout>
    </RequireRole>
  );
}
