// The fields of an endpoint: its address (https, or http to localhost), a description and the event types it
// hears (none ticked: every type). Used to add an endpoint and to edit one.

import { EVENT_TYPES, type TEventType } from '@portal/shared/schemas/events';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';

export type EndpointFormValues = { url: string; description: string; eventTypes: TEventType[] };

type EndpointFormProps = {
  initial?: EndpointFormValues;
  submitLabel: string;
  isBusy: boolean;
  error?: string | undefined;
  onSubmit: (values: EndpointFormValues) => void;
};

export function EndpointForm({ initial, submitLabel, isBusy, error, onSubmit }: EndpointFormProps) {
  const { t } = useTranslation('webhooks');
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [types, setTypes] = useState<TEventType[]>(initial?.eventTypes ?? []);
  const legendId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ url: url.trim(), description: description.trim(), eventTypes: types });
  };
  const toggle = (type: TEventType, isOn: boolean) =>
    setTypes((current) => (isOn ? [...current, type] : current.filter((x) => x !== type)));

  return (
    <form className="stack" onSubmit={submit}>
      <div className="form-grid form-grid--two">
        <TextField
          label={t('form.url')}
          hint={t('form.urlHint')}
          type="url"
          inputMode="url"
          required
          maxLength={2000}
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          error={error}
        />
        <TextField
          label={t('form.description')}
          maxLength={200}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <fieldset className="webhook-types" aria-describedby={legendId}>
        <legend className="field__label">{t('form.eventTypes')}</legend>
        <p id={legendId} className="field__hint">
          {t('form.eventTypesHint')}
        </p>
        <div className="webhook-types__grid">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="webhook-types__option">
              <input
                type="checkbox"
                checked={types.includes(type)}
                onChange={(event) => toggle(type, event.target.checked)}
              />
              <code>{type}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <Button type="submit" isLoading={isBusy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
