// A labelled native select (the most accessible picker there is).

import { type SelectHTMLAttributes, useId } from 'react';

type Option = { value: string; label: string };

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string;
  options: readonly Option[];
  /** Keeps the label for assistive technology only, for compact toolbars. */
  isLabelHidden?: boolean;
};

export function SelectField({
  label,
  options,
  isLabelHidden = false,
  className,
  ...selectProps
}: SelectFieldProps) {
  const id = useId();
  return (
    <div
      className={['field', isLabelHidden ? 'field--inline' : '', className ?? ''].filter(Boolean).join(' ')}
    >
      <label className={isLabelHidden ? 'sr-only' : 'field__label'} htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__select" {...selectProps}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
