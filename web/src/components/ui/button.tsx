// Buttons: one look per intent. `isLoading` keeps the button's name and marks it busy.

import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  isLoading?: boolean;
};

export function buttonClassName(
  variant: ButtonVariant = 'primary',
  size: 'md' | 'sm' = 'md',
  extra?: string,
): string {
  return ['button', `button--${variant}`, size === 'sm' ? 'button--sm' : '', extra ?? '']
    .filter(Boolean)
    .join(' ');
}

export function Button({
  variant = 'primary',
  size = 'md',
  isLoading = false,
  type = 'button',
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClassName(variant, size, className)}
      disabled={disabled || isLoading}
      aria-busy={isLoading || undefined}
      {...rest}
    >
      {isLoading ? <span className="button__spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
