// The root route: renders the matched page; shows a calm message when something fails unexpectedly.

import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { config } from '@/config';

export function Root() {
  return (
    <Suspense fallback={<RootHydrateFallback />}>
      <Outlet />
    </Suspense>
  );
}

export function RootHydrateFallback() {
  const { t } = useTranslation();
  return (
    <div className="page-loading">
      <Spinner label={t('app.loading')} size="lg" />
    </div>
  );
}

export function RootErrorBoundary() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (config.isDev) console.error(error);
  return (
    <main id="main" className="crash">
      <title>{t('errors.crashTitle')}</title>
      <h1>{t('errors.crashTitle')}</h1>
      <p>{t('errors.crashBody')}</p>
      <p>
        <Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>
      </p>
    </main>
  );
}
