// "New account" / "Edit account" and "New contract" / "Edit contract" for ops: the vendor records of decision
// 018 (the same schemas as the API and the CSV import), each saved with a reason (decisions 021, 026). An
// account or contract made in the portal takes the external id typed here when first edited.

import { formatMinorAsDecimal, parseMajorToMinor } from '@portal/shared/money';
import { isRegionOf } from '@portal/shared/places';
import type { TOpsAccount } from '@portal/shared/schemas/ops-workspace';
import { ZAccountRecord, ZSubscriptionRecord } from '@portal/shared/schemas/vendor-api';
import { useTranslation } from 'react-i18next';
import { useApplyAccountRecord, useApplySubscriptionRecord } from '@/features/ops-workspace/api/apply-record';
import {
  localisedIssues,
  type RecordField,
  RecordForm,
  type RecordValues,
} from '@/features/ops-workspace/components/record-form';
import { useCountryOptions } from '@/lib/places';

const CURRENCIES = ['USD', 'EUR', 'CNY', 'JPY', 'GBP'] as const;
const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

type Account = TOpsAccount['account'];
type Subscription = TOpsAccount['subscriptions'][number];

function accountValues(account: Account | null): RecordValues {
  return {
    externalId: account?.externalId ?? '',
    name: account?.name ?? '',
    legalName: account?.legalName ?? '',
    customerType: account?.customerType === 'consumer' ? 'consumer' : 'business',
    currency: account?.currency ?? 'USD',
    locale: account?.locale ?? 'en',
    country: account?.country ?? 'US',
    region: account?.region ?? '',
    addressLine1: account?.addressLine1 ?? '',
    addressLine2: account?.addressLine2 ?? '',
    city: account?.city ?? '',
    postalCode: account?.postalCode ?? '',
    taxId: account?.taxId ?? '',
    billingEmail: account?.billingEmail ?? '',
  };
}

function accountRecord(v: RecordValues) {
  return {
    externalId: v.externalId ?? '',
    name: v.name ?? '',
    legalName: blankToNull(v.legalName),
    customerType: v.customerType === 'consumer' ? ('consumer' as const) : ('business' as const),
    currency: v.currency ?? '',
    locale: v.locale === 'zh-CN' ? ('zh-CN' as const) : ('en' as const),
    country: v.country ?? '',
    region: blankToNull(v.region),
    addressLine1: blankToNull(v.addressLine1),
    addressLine2: blankToNull(v.addressLine2),
    city: blankToNull(v.city),
    postalCode: blankToNull(v.postalCode),
    taxId: blankToNull(v.taxId),
    billingEmail: blankToNull(v.billingEmail),
  };
}

/** New account (no `account`) or edit one; `onSaved` gets the account's id. */
export function AccountRecordForm({
  account,
  headingLevel,
  onSaved,
  onClose,
}: {
  account: Account | null;
  headingLevel?: 2 | 3;
  onSaved?: (accountId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('opsWorkspace');
  const apply = useApplyAccountRecord();
  const countries = useCountryOptions();
  const initial = accountValues(account);
  const label = (name: string) => t(`records.account.${name}` as 'records.account.name');
  const fields: RecordField[] = [
    {
      name: 'externalId',
      label: label('externalId'),
      hint: account?.externalId ? t('records.externalIdFixed') : t('records.externalIdHint'),
      isReadOnly: Boolean(account?.externalId),
    },
    { name: 'name', label: label('name') },
    { name: 'legalName', label: label('legalName'), isOptional: true },
    {
      name: 'customerType',
      label: label('customerType'),
      options: [
        { value: 'business', label: label('business') },
        { value: 'consumer', label: label('consumer') },
      ],
    },
    {
      name: 'currency',
      label: label('currency'),
      hint: account ? t('records.currencyFixed') : undefined,
      isReadOnly: Boolean(account),
      options: [...new Set([...CURRENCIES, initial.currency ?? 'USD'])].map((c) => ({ value: c, label: c })),
    },
    {
      name: 'locale',
      label: label('locale'),
      options: [
        { value: 'en', label: 'English' },
        { value: 'zh-CN', label: '简体中文' },
      ],
    },
    { name: 'country', label: label('country'), options: countries },
    { name: 'region', label: label('region'), hint: t('records.account.regionHint'), isOptional: true },
    { name: 'addressLine1', label: label('addressLine1'), isOptional: true, isWide: true },
    { name: 'addressLine2', label: label('addressLine2'), isOptional: true, isWide: true },
    { name: 'city', label: label('city'), isOptional: true },
    { name: 'postalCode', label: label('postalCode'), isOptional: true },
    { name: 'taxId', label: label('taxId'), isOptional: true },
    { name: 'billingEmail', label: label('billingEmail'), type: 'email', isOptional: true },
  ];
  return (
    <RegionAwareForm
      heading={account ? t('records.editAccount') : t('records.newAccount')}
      headingLevel={headingLevel}
      fields={fields}
      initial={initial}
      submitLabel={account ? t('records.saveAccount') : t('records.createAccount')}
      successMessage={account ? t('records.accountSaved') : t('records.accountCreated')}
      check={(values) => {
        const parsed = ZAccountRecord.safeParse(accountRecord(values));
        return parsed.success ? null : localisedIssues(parsed.error.issues, values, messages(t));
      }}
      save={async (values, reason) => {
        const result = await apply.mutateAsync({
          record: accountRecord(values),
          reason,
          ...(account && !account.externalId ? { accountId: account.id } : {}),
        });
        if (result.id) onSaved?.(result.id);
      }}
      onClose={onClose}
    />
  );
}

/** The account form's region follows its country: a picker for countries with subdivisions, else free text. */
function RegionAwareForm(props: Parameters<typeof RecordForm>[0]) {
  return (
    <RecordForm
      {...props}
      onField={(values, name, value) => {
        const next = { ...values, [name]: value };
        if (name === 'country' && next.region && !isRegionOf(value, next.region.toUpperCase()))
          next.region = '';
        return next;
      }}
    />
  );
}

const messages = (t: (key: 'records.required' | 'records.invalid') => string) => ({
  required: t('records.required'),
  invalid: t('records.invalid'),
});

function contractValues(subscription: Subscription | null): RecordValues {
  if (!subscription) {
    return {
      externalId: '',
      planCode: '',
      label: '',
      seats: '',
      unitPrice: '',
      termStart: '',
      termEnd: '',
      autoRenewElsewhere: 'no',
    };
  }
  const { record } = subscription;
  return {
    externalId: record.externalId ?? '',
    planCode: record.planCode,
    label: subscription.label,
    seats: String(subscription.seats),
    unitPrice: formatMinorAsDecimal(record.unitPriceMinor, record.currency),
    termStart: subscription.termStart,
    termEnd: subscription.termEnd,
    autoRenewElsewhere: record.autoRenewElsewhere ? 'yes' : 'no',
  };
}

function contractRecord(v: RecordValues, account: Account, subscription: Subscription | null) {
  let unitPriceMinor: number | null | typeof Number.NaN = null;
  if (v.unitPrice?.trim()) {
    try {
      unitPriceMinor = parseMajorToMinor(v.unitPrice, account.currency);
    } catch {
      unitPriceMinor = Number.NaN;
    }
  }
  return {
    externalId: v.externalId ?? '',
    accountExternalId: account.externalId ?? '',
    planCode: v.planCode ?? '',
    ...(v.label?.trim() ? { label: v.label.trim() } : {}),
    seats: v.seats?.trim() ? Number(v.seats) : Number.NaN,
    unitPriceMinor,
    termStart: v.termStart ?? '',
    termEnd: v.termEnd ?? '',
    status: subscription?.cancelled ? ('cancelled' as const) : ('active' as const),
    autoRenewElsewhere: v.autoRenewElsewhere === 'yes',
  };
}

/** New contract (no `subscription`) or edit one, of an account that has an external id. */
export function ContractRecordForm({
  account,
  subscription,
  plans,
  onClose,
}: {
  account: Account;
  subscription: Subscription | null;
  /** The catalog's plans for a picker; absent: the plan code is typed. */
  plans?: readonly { value: string; label: string }[] | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation('opsWorkspace');
  const apply = useApplySubscriptionRecord(account.id);
  const label = (name: string) => t(`records.contract.${name}` as 'records.contract.seats');
  const fields: RecordField[] = [
    {
      name: 'externalId',
      label: label('externalId'),
      hint: subscription?.record.externalId ? t('records.externalIdFixed') : t('records.externalIdHint'),
      isReadOnly: Boolean(subscription?.record.externalId),
    },
    plans?.length
      ? {
          name: 'planCode',
          label: label('plan'),
          options: [{ value: '', label: t('records.contract.choosePlan') }, ...plans],
        }
      : { name: 'planCode', label: label('planCode'), hint: t('records.contract.planCodeHint') },
    { name: 'label', label: label('label'), isOptional: true },
    { name: 'seats', label: label('seats'), type: 'number' },
    {
      name: 'unitPrice',
      label: t('records.contract.unitPrice', { currency: account.currency }),
      hint: t('records.contract.unitPriceHint'),
      isOptional: true,
    },
    { name: 'termStart', label: label('termStart'), type: 'date' },
    { name: 'termEnd', label: label('termEnd'), type: 'date', hint: t('records.contract.termEndHint') },
    {
      name: 'autoRenewElsewhere',
      label: label('autoRenewElsewhere'),
      hint: t('records.contract.autoRenewElsewhereHint'),
      options: [
        { value: 'no', label: t('records.no') },
        { value: 'yes', label: t('records.yes') },
      ],
    },
  ];
  return (
    <RecordForm
      heading={
        subscription ? t('records.editContract', { label: subscription.label }) : t('records.newContract')
      }
      fields={fields}
      initial={contractValues(subscription)}
      submitLabel={subscription ? t('records.saveContract') : t('records.createContract')}
      successMessage={subscription ? t('records.contractSaved') : t('records.contractCreated')}
      check={(values) => {
        const record = contractRecord(values, account, subscription);
        const parsed = ZSubscriptionRecord.safeParse(record);
        const errors = parsed.success
          ? {}
          : (localisedIssues(parsed.error.issues, values, messages(t)) ?? {});
        // The form's price is in major units: its errors belong to that field.
        if (errors.unitPriceMinor || Number.isNaN(record.unitPriceMinor))
          errors.unitPrice = t('records.invalid');
        delete errors.unitPriceMinor;
        return Object.keys(errors).length ? errors : null;
      }}
      save={(values, reason) =>
        apply.mutateAsync({
          record: contractRecord(values, account, subscription),
          reason,
          ...(subscription && !subscription.record.externalId ? { subscriptionId: subscription.id } : {}),
        })
      }
      onClose={onClose}
      aliases={{ unitPriceMinor: 'unitPrice' }}
    />
  );
}
