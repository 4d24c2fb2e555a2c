// The account's billing details: admins edit them (the server keeps the Stripe customer in step), members
// read them. They are the buyer on every new invoice.

import type { TBillingDetails, TUpdateBillingDetails } from '@portal/shared/schemas/payments';
import { ZUpdateBillingDetails } from '@portal/shared/schemas/payments';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { useBillingDetails } from '@/features/payments/api/get-billing-details';
import { useUpdateBillingDetails } from '@/features/payments/api/update-billing-details';
import '@/features/payments/payments.css';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';

type Form = Record<Exclude<keyof TUpdateBillingDetails, 'customerType'>, string> & {
  customerType: 'business' | 'consumer';
};
type FieldName = Exclude<keyof Form, 'customerType'>;

const FIELDS: { name: FieldName; autoComplete: string; isOptional?: boolean; hasHint?: boolean }[] = [
  { name: 'legalName', autoComplete: 'organization' },
  { name: 'addressLine1', autoComplete: 'address-line1' },
  { name: 'addressLine2', autoComplete: 'address-line2', isOptional: true },
  { name: 'city', autoComplete: 'address-level2' },
  { name: 'postalCode', autoComplete: 'postal-code', isOptional: true },
  { name: 'region', autoComplete: 'address-level1', isOptional: true, hasHint: true },
  { name: 'country', autoComplete: 'country', hasHint: true },
  { name: 'taxId', autoComplete: 'off', isOptional: true },
  { name: 'billingEmail', autoComplete: 'email', hasHint: true },
];

function toForm(details: TBillingDetails): Form {
  return {
    legalName: details.legalName ?? '',
    addressLine1: details.addressLine1 ?? '',
    addressLine2: details.addressLine2 ?? '',
    city: details.city ?? '',
    postalCode: details.postalCode ?? '',
    region: details.region ?? '',
    country: details.country,
    taxId: details.taxId ?? '',
    billingEmail: details.billingEmail ?? '',
    customerType: details.customerType,
  };
}

export function BillingDetailsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('payments');
  const { t: tApp } = useTranslation();
  const query = useBillingDetails();
  if (query.isPending) return <Spinner label={t('billing.loading')} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('billing.loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return canEdit ? <BillingDetailsForm details={query.data} /> : <BillingDetailsList details={query.data} />;
}

function BillingDetailsList({ details }: { details: TBillingDetails }) {
  const { t } = useTranslation('payments');
  const form = toForm(details);
  return (
    <div className="stack">
      <p className="note">{t('billing.readOnly')}</p>
      <dl className="billing-details">
        {FIELDS.map((field) => (
          <Fragment key={field.name}>
            <dt>{t(`billing.${field.name}`)}</dt>
            <dd>{form[field.name] || <span className="muted">{t('billing.notSet')}</span>}</dd>
          </Fragment>
        ))}
        <dt>{t('billing.currency')}</dt>
        <dd>{details.currency}</dd>
        <dt>{t('billing.customerType')}</dt>
        <dd>{t(`billing.customerTypes.${details.customerType}`)}</dd>
      </dl>
    </div>
  );
}

function BillingDetailsForm({ details }: { details: TBillingDetails }) {
  const { t } = useTranslation('payments');
  const { t: tApp } = useTranslation();
  const update = useUpdateBillingDetails();
  const [form, setForm] = useState<Form>(() => toForm(details));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const parsed = ZUpdateBillingDetails.safeParse(form);
    if (!parsed.success) {
      const next: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const name = issue.path[0] as FieldName;
        next[name] ??=
          name === 'billingEmail'
            ? t('billing.invalidEmail')
            : name === 'country'
              ? t('billing.invalidCountry')
              : t('billing.required');
      }
      setErrors(next);
      const first = FIELDS.find((f) => next[f.name]);
      if (first) document.getElementsByName(first.name)[0]?.focus();
      return;
    }
    setErrors({});
    update.mutate(form, {
      onSuccess: (billing) => {
        setForm(toForm(billing));
        setSaved(true);
      },
    });
  }

  const serverFields = update.error instanceof ApiError ? update.error.fields : {};
  return (
    <form className="stack" noValidate onSubmit={submit}>
      {update.error ? <Alert tone="error">{apiErrorMessage(update.error, tApp)}</Alert> : null}
      <div className="form-grid">
        {FIELDS.map((field) => (
          <TextField
            key={field.name}
            name={field.name}
            label={
              field.isOptional
                ? `${t(`billing.${field.name}`)} (${t('billing.optional')})`
                : t(`billing.${field.name}`)
            }
            hint={
              field.name === 'region'
                ? t('billing.regionHint')
                : field.name === 'country'
                  ? t('billing.countryHint')
                  : field.name === 'billingEmail'
                    ? t('billing.billingEmailHint')
                    : undefined
            }
            type={field.name === 'billingEmail' ? 'email' : 'text'}
            autoComplete={field.autoComplete}
            required={!field.isOptional}
            value={form[field.name]}
            error={errors[field.name] ?? serverFields[field.name]}
            onChange={(event) => {
              const value = event.target.value;
              setForm((current) => ({ ...current, [field.name]: value }));
            }}
          />
        ))}
      </div>
      <fieldset className="stack">
        <legend>{t('billing.customerType')}</legend>
        <p className="note">{t('billing.customerTypeHint')}</p>
        {(['business', 'consumer'] as const).map((type) => (
          <label key={type} className="billing-choice">
            <input
              type="radio"
              name="customerType"
              value={type}
              checked={form.customerType === type}
              onChange={() => setForm((current) => ({ ...current, customerType: type }))}
            />{' '}
            {t(`billing.customerTypes.${type}`)}
          </label>
        ))}
      </fieldset>
      <div>
        <Button type="submit" isLoading={update.isPending}>
          {t('billing.save')}
        </Button>
      </div>
      <LiveRegion>{saved ? <Alert tone="success">{t('billing.saved')}</Alert> : null}</LiveRegion>
    </form>
  );
}
