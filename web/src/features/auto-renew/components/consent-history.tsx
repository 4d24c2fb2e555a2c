// The decisions kept for this subscription: who turned auto-renew on or off, when, how, and the exact terms.

import type { TConsentRecord } from '@portal/shared/schemas/auto-renew';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format';

export function ConsentHistory({ consents }: { consents: readonly TConsentRecord[] }) {
  const { t } = useTranslation('autoRenew');
  const format = useFormat();
  if (consents.length === 0) return <p className="muted">{t('consents.empty')}</p>;
  return (
    <ul className="auto-renew-consents">
      {consents.map((consent) => (
        <li key={consent.id}>
          <p>
            <strong>{t(`consents.${consent.action}`, { by: consent.by })}</strong>{' '}
            <span className="muted">
              {t(`consents.via.${consent.via}`)} · {format.timestamp(consent.at)}
            </span>
          </p>
          {consent.amount && consent.termYears ? (
            <p className="muted">
              {t('consents.amount', { count: consent.termYears, amount: format.money(consent.amount) })}
            </p>
          ) : null}
          {consent.termsText ? (
            <details>
              <summary>{t('consents.showTerms')}</summary>
              <p className="auto-renew-terms">{consent.termsText}</p>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
