// A labelled native select (the most accessible picker there is), with an optional hint and error wired up
// like the text field's.

import type { SelectHTMLAttributes } from 'react';
import { FieldError, FieldHint, useFieldIds } from '@/components/ui/field-parts';

type Option = { value: string; label: string };

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string;
  options: readonly Option[];
  /** Keeps the label for assistive technology only, for compact toolbars. */
  isLabelHidden?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
};

export function SelectField({
  label,
  options,
  isLabelHidden = false,
  hint,
  error,
  className,
  ...selectProps
}: SelectFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(hint, error);
  const classes = [
    'field',
    isLabelHidden ? 'field--inline' : '',
    error ? 'field--invalid' : '',
    className ?? '',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')}>
      <label className={isLabelHidden ? 'sr-only' : 'field__label'} htmlFor={id}>
        {label}
      </label>
      <FieldHint id={hintId} text={hint} />
      <select
        id={id}
        className="field__select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...selectProps}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} text={error} />
    </div>
  );
}
