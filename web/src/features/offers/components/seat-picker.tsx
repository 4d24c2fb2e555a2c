// Picks the seat count the offers are priced for: a slider and a number field kept in step, bounded by the
// plan. Valid counts go up at once; the page debounces them before asking the server for new prices.

import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

type SeatPickerProps = {
  value: number;
  min: number;
  max: number;
  planName: string;
  onChange: (seats: number) => void;
  /** Told whether what is typed is a seat count the plan allows (the offers are disabled while it is not). */
  onValidityChange?: (isValid: boolean) => void;
};

export function SeatPicker({ value, min, max, planName, onChange, onValidityChange }: SeatPickerProps) {
  const { t } = useTranslation('offers');
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  // A value set from outside (e.g. the address) replaces what is typed.
  useEffect(() => setDraft(String(value)), [value]);

  const parsed = /^\d+$/.test(draft.trim()) ? Number(draft.trim()) : Number.NaN;
  const isValid = Number.isInteger(parsed) && parsed >= min && parsed <= max;
  const error = isValid ? undefined : t('seatsOutOfRange', { min, max });
  useEffect(() => onValidityChange?.(isValid), [isValid, onValidityChange]);

  function update(next: string) {
    setDraft(next);
    const seats = Number(next);
    if (/^\d+$/.test(next.trim()) && seats >= min && seats <= max) onChange(seats);
  }

  return (
    <div className={['seat-picker', error ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={`${id}-number`}>
        {t('seats')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('seatsHint', { plan: planName, min, max })}
      </p>
      <div className="seat-picker__controls">
        <input
          type="range"
          className="seat-picker__range"
          min={min}
          max={max}
          step={1}
          value={isValid ? parsed : value}
          aria-label={t('seatsSlider')}
          aria-describedby={`${id}-hint`}
          onChange={(event) => update(event.target.value)}
        />
        <input
          id={`${id}-number`}
          type="number"
          inputMode="numeric"
          className="field__input seat-picker__number"
          min={min}
          max={max}
          step={1}
          value={draft}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
          onChange={(event) => update(event.target.value)}
        />
      </div>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
