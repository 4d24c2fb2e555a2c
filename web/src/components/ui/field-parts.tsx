// What every labelled field shares: its ids, the hint above the control and the error below it, tied to the
// control by aria-describedby.

import { useId } from 'react';

export function useFieldIds(hint: string | undefined, error: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

export function FieldHint({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p className="field__hint" id={id}>
      {text}
    </p>
  ) : null;
}

export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p className="field__error" id={id}>
      {text}
    </p>
  ) : null;
}
