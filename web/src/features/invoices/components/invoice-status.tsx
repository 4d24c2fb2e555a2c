// An invoice's status as a badge: paid, partly refunded, refunded.

import type { TInvoiceStatus } from '@portal/shared/schemas/invoices';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const TONE: Record<TInvoiceStatus, BadgeTone> = {
  paid: 'success',
  partially_refunded: 'warning',
  refunded: 'neutral',
};

export function InvoiceStatus({ status }: { status: TInvoiceStatus }) {
  const { t } = useTranslation('invoices');
  return <Badge tone={TONE[status]}>{t(`status.${status}`)}</Badge>;
}
