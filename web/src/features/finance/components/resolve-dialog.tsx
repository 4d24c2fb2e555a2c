// Resolving an exception: a modal with the note finance writes (kept with the exception and in the audit
// trail). Native <dialog>: focus stays inside, Escape cancels.

import type { TException } from '@portal/shared/schemas/finance';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useResolveException } from '@/features/finance/api/resolve-exception';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';

type ResolveDialogProps = {
  exception: TException | null;
  onClose: (resolved: boolean) => void;
};

export function ResolveDialog({ exception, onClose }: ResolveDialogProps) {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const noteId = useId();
  const hintId = useId();
  const errorId = useId();
  const [note, setNote] = useState('');
  const resolve = useResolveException();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (exception && !dialog.open) {
      setNote('');
      resolve.reset();
      dialog.showModal?.();
    }
    if (!exception && dialog.open) dialog.close();
  }, [exception, resolve.reset]);

  const fieldError =
    resolve.error && isApiError(resolve.error, 400)
      ? (resolve.error.fields.note ?? resolve.error.message)
      : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!exception) return;
    resolve.mutate({ id: exception.id, note }, { onSuccess: () => onClose(true) });
  };

  return (
    <dialog
      ref={ref}
      className="dialog finance-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose(false);
      }}
    >
      <form onSubmit={onSubmit}>
        <h2 id={titleId} className="dialog__title">
          {exception ? t('exceptions.dialogTitle', { kind: t(`classes.${exception.class}`) }) : ''}
        </h2>
        <div className="dialog__body stack">
          {exception?.detail ? <p>{t(`details.${exception.detail}`)}</p> : null}
          <div className={['field', fieldError ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
            <label className="field__label" htmlFor={noteId}>
              {t('exceptions.noteLabel')}
            </label>
            <p className="field__hint" id={hintId}>
              {t('exceptions.noteHint')}
            </p>
            <textarea
              id={noteId}
              className="field__input finance-dialog__note"
              rows={4}
              maxLength={2000}
              required
              value={note}
              onChange={(event) => setNote(event.target.value)}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={[hintId, fieldError ? errorId : null].filter(Boolean).join(' ')}
            />
            {fieldError ? (
              <p className="field__error" id={errorId}>
                {fieldError}
              </p>
            ) : null}
          </div>
          {resolve.isError && !fieldError ? (
            <Alert tone="error">{apiErrorMessage(resolve.error, tApp)}</Alert>
          ) : null}
        </div>
        <div className="dialog__actions">
          <Button variant="secondary" onClick={() => onClose(false)} disabled={resolve.isPending}>
            {t('exceptions.cancel')}
          </Button>
          <Button type="submit" isLoading={resolve.isPending}>
            {t('exceptions.save')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
