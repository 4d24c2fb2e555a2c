// A reconciliation result as a badge: the words say it, the tone repeats it.

import type { TExceptionClass, TReconClass } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const TONES: Record<TReconClass | TExceptionClass, BadgeTone> = {
  matched: 'success',
  missing_in_portal: 'warning',
  missing_at_stripe: 'danger',
  amount_mismatch: 'danger',
  currency_mismatch: 'danger',
  duplicate: 'critical',
  payout_unbalanced: 'critical',
};

export function ReconClassBadge({ value }: { value: TReconClass | TExceptionClass }) {
  const { t } = useTranslation('finance');
  return <Badge tone={TONES[value]}>{t(`classes.${value}`)}</Badge>;
}
