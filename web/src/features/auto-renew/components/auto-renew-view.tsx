// A subscription's auto-renew page: status and next charge, the card, turning it on with the exact terms (or
// changing the term), the decisions kept, a consumer's "Cancel contract" where the law gives it, and the
// account's reminder setting. Coming back from the hosted
// "save a card" page (?card_session=…), the card is confirmed with the server first.

import { addDays } from '@portal/shared/dates';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { Spinner } from '@/components/ui/spinner';
import { useConfirmCardSetup } from '@/features/auto-renew/api/card-setup';
import { useAutoRenew } from '@/features/auto-renew/api/get-auto-renew';
import '@/features/auto-renew/auto-renew.css';
import { CancelContractPanel } from '@/features/auto-renew/components/cancel-contract-panel';
import { CardPanel } from '@/features/auto-renew/components/card-panel';
import { ConsentForm } from '@/features/auto-renew/components/consent-form';
import { ConsentHistory } from '@/features/auto-renew/components/consent-history';
import { RemindersToggle } from '@/features/auto-renew/components/reminders-toggle';
import { type BeforeTurnOff, RenewalStatus } from '@/features/auto-renew/components/renewal-status';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

function useCardSetupReturn(onMessage: (message: { tone: 'success' | 'error'; text: string }) => void) {
  const { t } = useTranslation('autoRenew');
  const [search, setSearch] = useSearchParams();
  const confirm = useConfirmCardSetup();
  const sessionId = search.get('card_session');
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (!sessionId || handled.current === sessionId) return;
    handled.current = sessionId;
    confirm.mutate(sessionId, {
      onSuccess: (result) =>
        onMessage(
          result.state === 'saved'
            ? { tone: 'success', text: t('card.savedNotice') }
            : { tone: 'error', text: t('card.notSaved') },
        ),
      onError: () => onMessage({ tone: 'error', text: t('card.notSaved') }),
      onSettled: () =>
        setSearch(
          (previous) => {
            const next = new URLSearchParams(previous);
            next.delete('card_session');
            return next;
          },
          { replace: true },
        ),
    });
  }, [sessionId, confirm, onMessage, setSearch, t]);
  return confirm.isPending;
}

type AutoRenewViewProps = { subscriptionId: string; canManage: boolean; beforeTurnOff?: BeforeTurnOff };

export function AutoRenewView({ subscriptionId, canManage, beforeTurnOff }: AutoRenewViewProps) {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useAutoRenew(subscriptionId);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const isConfirmingCard = useCardSetupReturn(setMessage);
  const backLink = (
    <p className="back-link">
      <Link to={paths.subscription(subscriptionId)}>
        <span aria-hidden="true">← </span>
        {t('backToSubscription')}
      </Link>
    </p>
  );

  if (query.isPending) {
    return (
      <>
        {backLink}
        <Spinner label={t('loading')} />
      </>
    );
  }
  if (query.isError) {
    if (isApiError(query.error, 404)) {
      return (
        <ContentLayout title={t('notFound')} titleSuffix={tApp('app.name')}>
          <EmptyState title={t('notFound')} action={<Link to={paths.home}>{tApp('common.goHome')}</Link>} />
        </ContentLayout>
      );
    }
    return (
      <>
        {backLink}
        <ErrorState
          title={t('loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }

  const state = query.data;
  const { subscription } = state;
  const showForm = canManage && state.canTurnOn && state.options.length > 0;
  const done = (text: string) => setMessage({ tone: 'success', text });
  return (
    <>
      {backLink}
      <ContentLayout
        title={t('title', { label: subscription.label })}
        titleSuffix={tApp('app.name')}
        lead={t('lead', {
          plan: subscription.planName,
          count: subscription.seats,
          seats: subscription.seats,
          lastDay: format.date(addDays(subscription.termEnd, -1)),
        })}
      >
        <LiveRegion>
          {isConfirmingCard ? <Spinner label={t('card.saving')} /> : null}
          {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        </LiveRegion>
        <div className="auto-renew-grid">
          <Card title={t('status.title')}>
            <RenewalStatus state={state} canManage={canManage} onDone={done} beforeTurnOff={beforeTurnOff} />
          </Card>
          <Card title={t('card.title')}>
            <CardPanel subscriptionId={subscription.id} card={state.card} canManage={canManage} />
          </Card>
          {showForm ? (
            <Card
              title={state.enabled ? t('turnOn.changeTitle') : t('turnOn.title')}
              className="auto-renew-grid__wide"
            >
              <ConsentForm key={`${state.enabled}-${state.termYears}`} state={state} onDone={done} />
            </Card>
          ) : null}
          {!state.canTurnOn && state.cannotTurnOnReason && !state.enabled ? (
            <Card title={t('turnOn.title')} className="auto-renew-grid__wide">
              <p className="muted">{t(`turnOn.cannot.${state.cannotTurnOnReason}`)}</p>
            </Card>
          ) : null}
          <Card title={t('consents.title')}>
            <ConsentHistory consents={state.consents} />
          </Card>
          <CancelContractPanel subscriptionId={subscription.id} />
          <div id="reminders">
            <Card title={t('reminders.title')}>
              <RemindersToggle isMuted={state.remindersMuted} canManage={canManage} />
            </Card>
          </div>
        </div>
      </ContentLayout>
    </>
  );
}
