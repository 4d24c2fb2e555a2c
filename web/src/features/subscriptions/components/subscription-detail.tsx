// One subscription's page: its facts, auto-renew and history, with loading, not-found and error states.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useSubscription } from '@/features/subscriptions/api/get-subscription';
import { AutoRenewPanel } from '@/features/subscriptions/components/auto-renew-panel';
import { RenewCallout } from '@/features/subscriptions/components/renew-callout';
import { SubscriptionFacts } from '@/features/subscriptions/components/subscription-facts';
import { SubscriptionHistory } from '@/features/subscriptions/components/subscription-history';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';

type SubscriptionDetailProps = {
  id: string;
  canManage: boolean;
  /** Shown under the renew call-out (the route composes other features' panels, e.g. letting it lapse). */
  aside?: ReactNode;
};

export function SubscriptionDetail({ id, canManage, aside }: SubscriptionDetailProps) {
  const { t } = useTranslation();
  const query = useSubscription(id);
  const titleSuffix = t('app.name');
  const backLink = (
    <p className="back-link">
      <Link to={paths.home}>
        <span aria-hidden="true">← </span>
        {t('subscription.backToList')}
      </Link>
    </p>
  );

  if (query.isPending) {
    return (
      <>
        {backLink}
        <Spinner label={t('subscription.loading')} />
      </>
    );
  }
  if (query.isError) {
    if (isApiError(query.error, 404)) {
      return (
        <ContentLayout title={t('subscription.notFoundTitle')} titleSuffix={titleSuffix}>
          <EmptyState
            title={t('subscription.notFound')}
            action={<Link to={paths.home}>{t('subscription.backToList')}</Link>}
          />
        </ContentLayout>
      );
    }
    return (
      <>
        {backLink}
        <ErrorState
          title={t('subscription.loadFailed')}
          detail={apiErrorMessage(query.error, t)}
          retryLabel={t('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }

  const subscription = query.data;
  return (
    <>
      {backLink}
      <ContentLayout
        title={subscription.label}
        titleSuffix={titleSuffix}
        lead={`${subscription.plan.name} · ${t('subscriptions.seats', { count: subscription.seats })}`}
        actions={
          <Link className="button button--secondary" to={paths.valueReport(subscription.id)}>
            {t('nav.valueReport')}
          </Link>
        }
      >
        <RenewCallout subscriptionId={subscription.id} />
        {aside}
        <div className="detail-grid">
          <Card title={t('subscription.details')} className="detail-grid__facts">
            <SubscriptionFacts subscription={subscription} />
          </Card>
          <Card title={t('subscription.autoRenewTitle')} className="detail-grid__auto-renew">
            <AutoRenewPanel subscription={subscription} canManage={canManage} />
          </Card>
          <Card title={t('subscription.history')} className="detail-grid__history">
            <SubscriptionHistory events={subscription.history} />
          </Card>
        </div>
      </ContentLayout>
    </>
  );
}
