// The account's billing details: admins edit them (the server keeps the Stripe customer in step), members
// read them. They are the buyer on every new invoice.

import { isRegionOf } from '@portal/shared/places';
import type { TBillingDetails, TUpdateBillingDetails } from '@portal/shared/schemas/payments';
import { ZUpdateBillingDetails } from '@portal/shared/schemas/payments';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SelectField } from '@/components/ui/select-field';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { useBillingDetails } from '@/features/payments/api/get-billing-details';
import { useUpdateBillingDetails } from '@/features/payments/api/update-billing-details';
import '@/features/payments/payments.css';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useCountryOptions, useRegionOptions } from '@/lib/places';

type Form = Record<Exclude<keyof TUpdateBillingDetails, 'customerType'>, string> & {
  customerType: 'business' | 'consumer';
};
type FieldName = Exclude<keyof Form, 'customerType'>;

// In reading order: the country comes before the state, whose picker depends on it.
const FIELDS: { name: FieldName; autoComplete: string; isOptional?: boolean; isWide?: boolean }[] = [
  { name: 'legalName', autoComplete: 'organization', isWide: true },
  { name: 'addressLine1', autoComplete: 'address-line1', isWide: true },
  { name: 'addressLine2', autoComplete: 'address-line2', isOptional: true, isWide: true },
  { name: 'city', autoComplete: 'address-level2' },
  { name: 'postalCode', autoComplete: 'postal-code', isOptional: true },
  { name: 'country', autoComplete: 'country' },
  { name: 'region', autoComplete: 'address-level1', isOptional: true },
  { name: 'taxId', autoComplete: 'off', isOptional: true },
  { name: 'billingEmail', autoComplete: 'email' },
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

/** The form with one field changed; a new country drops a state that is not one of its own. */
function withField(form: Form, name: FieldName, value: string): Form {
  const next = { ...form, [name]: value };
  if (name === 'country' && next.region && !isRegionOf(value, next.region.toUpperCase())) next.region = '';
  return next;
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
  const countries = useCountryOptions();
  const regions = useRegionOptions(details.country);
  const form = {
    ...toForm(details),
    country: countries.find((c) => c.value === details.country)?.label ?? details.country,
    region: regions?.find((r) => r.value === details.region)?.label ?? details.region ?? '',
  };
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
              : name === 'region'
                ? t('billing.invalidRegion')
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
      <div className="form-grid form-grid--two">
        {FIELDS.map((field) => (
          <BillingField
            key={field.name}
            field={field}
            form={form}
            error={errors[field.name] ?? serverFields[field.name]}
            onChange={(name, value) => setForm((current) => withField(current, name, value))}
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

function BillingField({
  field,
  form,
  error,
  onChange,
}: {
  field: (typeof FIELDS)[number];
  form: Form;
  error: string | undefined;
  onChange: (name: FieldName, value: string) => void;
}) {
  const { t } = useTranslation('payments');
  const countries = useCountryOptions();
  const regions = useRegionOptions(form.country);
  const label = field.isOptional
    ? `${t(`billing.${field.name}`)} (${t('billing.optional')})`
    : t(`billing.${field.name}`);
  const common = {
    name: field.name,
    label,
    autoComplete: field.autoComplete,
    required: !field.isOptional,
    value: form[field.name],
    error,
    className: field.isWide ? 'form-grid__wide' : undefined,
  };
  if (field.name === 'country') {
    return (
      <SelectField
        {...common}
        options={countries}
        onChange={(event) => onChange(field.name, event.target.value)}
      />
    );
  }
  if (field.name === 'region' && regions) {
    return (
      <SelectField
        {...common}
        value={form.region.toUpperCase()}
        options={[{ value: '', label: t('billing.regionNone') }, ...regions]}
        onChange={(event) => onChange(field.name, event.target.value)}
      />
    );
  }
  return (
    <TextField
      {...common}
      hint={
        field.name === 'region'
          ? t('billing.regionHint')
          : field.name === 'billingEmail'
            ? t('billing.billingEmailHint')
            : undefined
      }
      type={field.name === 'billingEmail' ? 'email' : 'text'}
      onChange={(event) => onChange(field.name, event.target.value)}
    />
  );
}
