import type { TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useTranslation } from 'react-i18next';

export function AutoRenewState({ autoRenew }: { autoRenew: TSubscriptionSummary['autoRenew'] }) {
  const { t } = useTranslation();
  if (!autoRenew.enabled) return <>{t('subscriptions.autoRenewOff')}</>;
  if (autoRenew.termYears === null) return <>{t('subscriptions.autoRenewOnShort')}</>;
  return <>{t('subscriptions.autoRenewOn', { count: autoRenew.termYears })}</>;
}
