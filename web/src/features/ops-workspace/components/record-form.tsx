// One form for every vendor record ops create or edit (an account, a contract): the fields a caller lists,
// the required reason, field errors next to their fields (the form's own checks first, then the server's,
// keyed by field), focus on the first error, and a success or failure message read out politely. Built from
// the app's TextField / SelectField like the billing form, so it looks and behaves like every other form.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { recordFieldErrors } from '@/features/ops-workspace/api/apply-record';
import { ReasonField } from '@/features/ops-workspace/components/reason-field';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';

export type RecordValues = Record<string, string>;
type Errors = Record<string, string>;

export type RecordField = {
  name: string;
  label: string;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'number' | 'date';
  /** A select with these options instead of a text box. */
  options?: readonly { value: string; label: string }[] | null | undefined;
  isOptional?: boolean;
  isReadOnly?: boolean;
  isWide?: boolean;
};

type RecordFormProps = {
  heading: string;
  /** 2 on a page of its own, 3 inside a card (the default). */
  headingLevel?: 2 | 3;
  fields: readonly RecordField[];
  initial: RecordValues;
  submitLabel: string;
  successMessage: string;
  /** Field errors in the reader's language, or null when the values can be sent. */
  check: (values: RecordValues) => Errors | null;
  /** Sends the values with the reason; rejects with the server's error. */
  save: (values: RecordValues, reason: string) => Promise<unknown>;
  /** A change that moves other fields with it (a new country drops a region not its own). */
  onField?: (values: RecordValues, name: string, value: string) => RecordValues;
  onClose: () => void;
  /** Server field names that are another field here (e.g. the price in minor units → the price typed). */
  aliases?: Record<string, string>;
};

export function RecordForm(props: RecordFormProps) {
  const {
    heading,
    headingLevel = 3,
    fields,
    initial,
    submitLabel,
    successMessage,
    check,
    save,
    onField,
    onClose,
    aliases,
  } = props;
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<RecordValues>(initial);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  const [isBusy, setIsBusy] = useState(false);

  // Focus the first field in error, in reading order, whenever a check or the server finds some.
  useEffect(() => {
    focusFirstError(formRef.current, [...fields.map((f) => f.name), 'reason'], errors);
  }, [errors, fields]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaved(false);
    setFailure(null);
    const found = { ...(check(values) ?? {}) };
    if (reason.trim().length < 3) found.reason = t('records.reasonRequired');
    if (Object.keys(found).length) {
      setErrors(found);
      setFailure(t('records.fixFields'));
      return;
    }
    setErrors({});
    setIsBusy(true);
    try {
      await save(values, reason.trim());
      setIsSaved(true);
      setReason('');
    } catch (error) {
      const fromServer: Errors = {};
      for (const [name, message] of Object.entries(recordFieldErrors(error))) {
        fromServer[aliases?.[name] ?? name] ??= message;
      }
      setErrors(fromServer);
      // Errors about something not on this form (e.g. the account's external id) are said in the message.
      const names = new Set([...fields.map((f) => f.name), 'reason']);
      const elsewhere = Object.entries(fromServer).filter(([name]) => !names.has(name));
      setFailure(
        error instanceof ApiError && error.code === 'validation_failed'
          ? [t('records.fixFields'), ...elsewhere.map(([, message]) => message)].join(' ')
          : apiErrorMessage(error, tApp),
      );
    } finally {
      setIsBusy(false);
    }
  }

  const change = (name: string, value: string) =>
    setValues((current) => (onField ? onField(current, name, value) : { ...current, [name]: value }));

  return (
    <form ref={formRef} className="stack record-form" noValidate onSubmit={submit} aria-label={heading}>
      {headingLevel === 2 ? <h2>{heading}</h2> : <h3>{heading}</h3>}
      <div className="form-grid form-grid--two">
        {fields.map((field) => {
          const label = field.isOptional ? `${field.label} (${t('records.optional')})` : field.label;
          const common = {
            name: field.name,
            label,
            hint: field.hint,
            required: !field.isOptional,
            value: values[field.name] ?? '',
            error: errors[field.name],
            className: field.isWide ? 'form-grid__wide' : undefined,
          };
          return field.options ? (
            <SelectField
              key={field.name}
              {...common}
              disabled={field.isReadOnly}
              options={field.options}
              onChange={(event) => change(field.name, event.target.value)}
            />
          ) : (
            <TextField
              key={field.name}
              {...common}
              type={field.type ?? 'text'}
              inputMode={field.type === 'number' ? 'decimal' : undefined}
              readOnly={field.isReadOnly}
              onChange={(event) => change(field.name, event.target.value)}
            />
          );
        })}
      </div>
      <ReasonField value={reason} onChange={setReason} error={errors.reason} />
      <LiveRegion>
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        {isSaved ? <Alert tone="success">{successMessage}</Alert> : null}
      </LiveRegion>
      <div className="record-form__actions">
        <Button type="submit" isLoading={isBusy}>
          {submitLabel}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('records.close')}
        </Button>
      </div>
    </form>
  );
}

/** Focuses the first control, in reading order, whose name has an error (by name, within this form only). */
export function focusFirstError(
  form: HTMLFormElement | null,
  names: readonly string[],
  errors: Record<string, string>,
): void {
  const first = names.find((name) => errors[name]);
  const element = first ? form?.elements.namedItem(first) : null;
  if (element instanceof HTMLElement) element.focus();
}

/** Field errors from a zod check, in the reader's language (the schema's own words are English). */
export function localisedIssues(
  issues: readonly { path: readonly PropertyKey[] }[],
  values: RecordValues,
  messages: { required: string; invalid: string },
): Errors | null {
  if (!issues.length) return null;
  const errors: Errors = {};
  for (const issue of issues) {
    const name = String(issue.path[0] ?? '');
    errors[name] ??= values[name]?.trim() ? messages.invalid : messages.required;
  }
  return errors;
}
