// A subscription's status as a badge: its name in words, with a colour that repeats it.

import type { SubscriptionStatus } from '@portal/shared/status';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const TONES: Record<SubscriptionStatus, BadgeTone> = {
  active: 'success',
  renewal_open: 'info',
  expiring: 'warning',
  grace: 'danger',
  expired: 'critical',
  cancelled: 'neutral',
};

export function StatusBadge({ status }: { status: SubscriptionStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>;
}
