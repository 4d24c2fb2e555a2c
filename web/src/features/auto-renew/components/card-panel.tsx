// The card automatic renewals charge: brand, last four, expiry; admins save or replace it on the payment
// provider's hosted page, and come back to a confirmation.

import type { TSavedCard } from '@portal/shared/schemas/auto-renew';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useStartCardSetup } from '@/features/auto-renew/api/card-setup';
import { apiErrorMessage } from '@/lib/api-error-message';

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

export function cardName(card: TSavedCard): string {
  return BRANDS[card.brand] ?? card.brand;
}

type CardPanelProps = { subscriptionId: string; card: TSavedCard | null; canManage: boolean };

export function CardPanel({ subscriptionId, card, canManage }: CardPanelProps) {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const start = useStartCardSetup();
  return (
    <div className="stack">
      {card ? (
        <p>
          <strong>{t('card.saved', { brand: cardName(card), last4: card.last4 })}</strong>
          {card.expMonth && card.expYear
            ? ` · ${t('card.expires', { month: String(card.expMonth).padStart(2, '0'), year: card.expYear })}`
            : null}
        </p>
      ) : (
        <p className="muted">{t('card.none')}</p>
      )}
      {canManage ? (
        <>
          {start.error ? <Alert tone="error">{apiErrorMessage(start.error, tApp)}</Alert> : null}
          <div>
            <Button
              variant={card ? 'secondary' : 'primary'}
              isLoading={start.isPending || start.isSuccess}
              onClick={() => start.mutate(subscriptionId)}
            >
              {card ? t('card.replace') : t('card.save')}
            </Button>
          </div>
          <p className="muted">{t('card.hint')}</p>
        </>
      ) : null}
    </div>
  );
}
