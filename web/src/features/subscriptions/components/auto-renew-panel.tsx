// Auto-renew for one subscription, in brief: its state and what it means, and the way to its own page, where
// admins turn it on (with a saved card and their consent to the terms) or off.

import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button-link';
import { AutoRenewState } from '@/features/subscriptions/components/auto-renew-state';
import { paths } from '@/lib/paths';

type AutoRenewPanelProps = { subscription: TSubscriptionSummary; canManage: boolean };

export function AutoRenewPanel({ subscription, canManage }: AutoRenewPanelProps) {
  const { t } = useTranslation();
  const { enabled } = subscription.autoRenew;
  // A cancelled or expired subscription says it cannot renew automatically (issue 14 item 7).
  const isOver = subscription.status === 'cancelled' || subscription.status === 'expired';
  const askConsent = subscription.autoRenew.askConsent === true && !enabled;
  return (
    <div className="stack">
      {askConsent ? (
        <Alert tone="info" title={t('subscription.consentToCollectTitle')}>
          <p>{t('subscription.consentToCollectBody')}</p>
          {canManage ? (
            <p>
              <ButtonLink to={paths.autoRenew(subscription.id)} size="sm">
                {t('subscription.consentToCollectAction')}
              </ButtonLink>
            </p>
          ) : (
            <p>{t('subscription.autoRenewReadOnly')}</p>
          )}
        </Alert>
      ) : null}
      <p className="auto-renew__state">
        <AutoRenewState autoRenew={subscription.autoRenew} />
      </p>
      <p className="muted">
        {isOver
          ? t('subscription.autoRenewUnavailable')
          : enabled
            ? t('subscription.autoRenewExplainOn')
            : t('subscription.autoRenewExplainOff')}
      </p>
      {!canManage ? <p className="muted">{t('subscription.autoRenewReadOnly')}</p> : null}
      <div>
        <ButtonLink to={paths.autoRenew(subscription.id)} variant="secondary" size="sm">
          {t('subscriptions.nextAction.manage_auto_renew')}
        </ButtonLink>
      </div>
    </div>
  );
}
