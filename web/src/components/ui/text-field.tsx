// A labelled input with an optional hint and error, wired up with aria-describedby and aria-invalid.

import type { ComponentProps } from 'react';
import { FieldError, FieldHint, useFieldIds } from '@/components/ui/field-parts';

type TextFieldProps = Omit<ComponentProps<'input'>, 'id'> & {
  label: string;
  hint?: string;
  error?: string | undefined;
};

export function TextField({ label, hint, error, className, ...inputProps }: TextFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(hint, error);
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <FieldHint id={hintId} text={hint} />
      <input
        id={id}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...inputProps}
      />
      <FieldError id={errorId} text={error} />
    </div>
  );
}
