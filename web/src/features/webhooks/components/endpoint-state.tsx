// An endpoint's state as a badge: enabled, disabled by ops, or disabled after persistent failure.

import type { TWebhookEndpoint } from '@portal/shared/schemas/webhooks';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';

export function EndpointState({ endpoint }: { endpoint: TWebhookEndpoint }) {
  const { t } = useTranslation('webhooks');
  if (endpoint.enabled) {
    return endpoint.failingSince ? (
      <Badge tone="warning">{t('state.failing')}</Badge>
    ) : (
      <Badge tone="success">{t('state.enabled')}</Badge>
    );
  }
  return endpoint.disabledReason === 'failing' ? (
    <Badge tone="danger">{t('state.autoDisabled')}</Badge>
  ) : (
    <Badge tone="neutral">{t('state.disabled')}</Badge>
  );
}
