// /ops/pipeline: the renewal pipeline (ops only).

import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LoaderFunctionArgs } from 'react-router';
import { prefetchForRoles } from '@/app/routes/app/loaders';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { getPipelineQueryOptions } from '@/features/pipeline/api/get-pipeline';
import { PipelineTable } from '@/features/pipeline/components/pipeline-table';

export const pipelineLoader =
  (queryClient: QueryClient) =>
  ({ request }: LoaderFunctionArgs) => {
    const search = new URL(request.url).searchParams;
    if ([...search.keys()].length > 0) return null; // filtered views load from the page itself
    return prefetchForRoles(
      queryClient,
      ['ops'],
      getPipelineQueryOptions({ window: 'all', sort: 'termEnd', risk: 'all', q: '' }),
    );
  };

export function PipelineRoute() {
  const { t } = useTranslation('pipeline');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('title')} titleSuffix={tApp('app.name')} lead={t('intro')}>
        <PipelineTable />
      </ContentLayout>
    </RequireRole>
  );
}
