// A finance detail page (a payment, a payout): title, a link back, and the query's loading, error and data
// states, so each route only says what to load and how to show it.

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { apiErrorMessage } from '@/lib/api-error-message';

export function FinanceDetailPage<T>({
  title,
  back,
  query,
  children,
}: {
  title: string;
  back: { to: string; label: string };
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  return (
    <ContentLayout title={title} titleSuffix={tApp('app.name')} lead={<Link to={back.to}>{back.label}</Link>}>
      {query.isPending ? (
        <SkeletonList label={t('common.loading')} rows={4} />
      ) : query.isError ? (
        <ErrorState
          title={t('common.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : (
        children(query.data)
      )}
    </ContentLayout>
  );
}
