// Auto-renew for one subscription: its state and what it means; admins can turn it on (with a term) or off,
// members read it. The server decides (a saved payment method is needed) and its refusal is shown as said.

import type { TAutoRenewRequest, TSubscriptionSummary } from '@portal/shared/schemas/subscriptions';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { SelectField } from '@/components/ui/select-field';
import { useUpdateAutoRenew } from '@/features/subscriptions/api/update-auto-renew';
import { AutoRenewState } from '@/features/subscriptions/components/auto-renew-state';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';

type TermYears = NonNullable<TAutoRenewRequest['termYears']>;
const TERMS: readonly TermYears[] = [1, 2, 3];
const isTermYears = (value: number | null): value is TermYears => TERMS.some((term) => term === value);

type AutoRenewPanelProps = { subscription: TSubscriptionSummary; canManage: boolean };

export function AutoRenewPanel({ subscription, canManage }: AutoRenewPanelProps) {
  const { t } = useTranslation();
  const update = useUpdateAutoRenew(subscription.id);
  const { enabled, termYears: savedTerm } = subscription.autoRenew;
  const [termYears, setTermYears] = useState<TermYears>(isTermYears(savedTerm) ? savedTerm : 1);
  const [notice, setNotice] = useState<string | null>(null);
  const canTurnOn = subscription.status !== 'cancelled' && subscription.status !== 'expired';

  function save(body: TAutoRenewRequest, doneMessage: string) {
    setNotice(null);
    update.mutate(body, { onSuccess: () => setNotice(doneMessage) });
  }

  const error = update.error;
  const errorText = !error
    ? null
    : error instanceof ApiError && error.fields.paymentMethod
      ? t('subscription.paymentMethodNeeded')
      : apiErrorMessage(error, t);

  const termSelect = (
    <SelectField
      label={t('subscription.renewalTerm')}
      value={String(termYears)}
      options={TERMS.map((term) => ({
        value: String(term),
        label: t('subscription.termYears', { count: term }),
      }))}
      onChange={(event) => {
        const value = Number(event.target.value);
        if (isTermYears(value)) setTermYears(value);
      }}
    />
  );

  return (
    <div className="stack">
      <p className="auto-renew__state">
        <AutoRenewState autoRenew={subscription.autoRenew} />
      </p>
      <p className="muted">
        {enabled ? t('subscription.autoRenewExplainOn') : t('subscription.autoRenewExplainOff')}
      </p>
      {!canManage ? <p className="muted">{t('subscription.autoRenewReadOnly')}</p> : null}
      {canManage && errorText ? <Alert tone="error">{errorText}</Alert> : null}
      {canManage && enabled ? (
        <div className="form-row">
          {termSelect}
          {termYears !== savedTerm ? (
            <Button
              variant="secondary"
              isLoading={update.isPending}
              onClick={() => save({ enabled: true, termYears }, t('subscription.termSaved'))}
            >
              {t('subscription.saveTerm')}
            </Button>
          ) : null}
          <Button
            variant="secondary"
            isLoading={update.isPending}
            onClick={() => save({ enabled: false }, t('subscription.turnedOff'))}
          >
            {t('subscription.turnOff')}
          </Button>
        </div>
      ) : null}
      {canManage && !enabled && canTurnOn ? (
        <div className="form-row">
          {termSelect}
          <Button
            isLoading={update.isPending}
            onClick={() => save({ enabled: true, termYears }, t('subscription.turnedOn'))}
          >
            {t('subscription.turnOn')}
          </Button>
        </div>
      ) : null}
      {canManage && !enabled && !canTurnOn ? (
        <p className="muted">{t('subscription.autoRenewUnavailable')}</p>
      ) : null}
      <LiveRegion>{notice ? <Alert tone="success">{notice}</Alert> : null}</LiveRegion>
    </div>
  );
}
