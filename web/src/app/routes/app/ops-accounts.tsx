// /ops/accounts (search) and /ops/accounts/:id (the account page), ops only.

import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { useCatalog } from '@/features/catalog/api/get-catalog';
import { AccountPage } from '@/features/ops-workspace/components/account-page';
import { AccountsSearch } from '@/features/ops-workspace/components/accounts-search';

export function OpsAccountsRoute() {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('accounts.title')} titleSuffix={tApp('app.name')} lead={t('accounts.intro')}>
        <AccountsSearch />
      </ContentLayout>
    </RequireRole>
  );
}

export function OpsAccountRoute() {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const { id = '' } = useParams();
  // The contract form's plan picker (while the catalog loads, or if it fails, the plan code is typed).
  const catalog = useCatalog();
  const plans = catalog.data?.map((plan) => ({ value: plan.code, label: `${plan.name} (${plan.code})` }));
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('accounts.title')} titleSuffix={tApp('app.name')}>
        <AccountPage accountId={id} plans={plans} />
      </ContentLayout>
    </RequireRole>
  );
}
