// One e-mail as its recipient sees it. The HTML is shown in a sandboxed frame (no scripts, no same-origin
// access, links open in a new tab), or as its plain-text part.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useMailboxMessage } from '@/features/mailbox/api/mailbox';
import '@/features/mailbox/mailbox.css';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

/** Links inside the frame open a new tab (a sandboxed frame cannot navigate the portal). */
function framed(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head([^>]*)>/i, `<head$1>${base}`) : `${base}${html}`;
}

export function MailboxMessage({ id }: { id: string }) {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useMailboxMessage(id);
  const [view, setView] = useState<'html' | 'text'>('html');
  const back = (
    <p className="back-link">
      <Link to={paths.opsMailbox}>
        <span aria-hidden="true">← </span>
        {t('mailbox.back')}
      </Link>
    </p>
  );
  if (query.isPending) return <Spinner label={t('mailbox.loading')} />;
  if (query.isError) {
    return (
      <>
        {back}
        {isApiError(query.error, 404) ? (
          <EmptyState title={t('mailbox.notFound')} />
        ) : (
          <Alert tone="error">{apiErrorMessage(query.error, tApp)}</Alert>
        )}
      </>
    );
  }
  const email = query.data;
  return (
    <div className="stack">
      {back}
      <h2>{email.subject}</h2>
      <p className="muted">
        {t('mailbox.meta', {
          to: email.to,
          date: format.timestamp(email.createdAt),
          template: email.template,
          locale: email.locale,
        })}
      </p>
      {email.lastError ? (
        <Alert tone="error">{t('mailbox.attempts', { count: email.attempts, error: email.lastError })}</Alert>
      ) : null}
      <div className="mailbox-tabs">
        <Button
          variant={view === 'html' ? 'primary' : 'secondary'}
          size="sm"
          aria-pressed={view === 'html'}
          onClick={() => setView('html')}
        >
          {t('mailbox.html')}
        </Button>
        <Button
          variant={view === 'text' ? 'primary' : 'secondary'}
          size="sm"
          aria-pressed={view === 'text'}
          onClick={() => setView('text')}
        >
          {t('mailbox.text')}
        </Button>
      </div>
      {view === 'html' ? (
        <iframe
          className="mailbox-frame"
          title={t('mailbox.frameTitle')}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={framed(email.html)}
        />
      ) : (
        <pre className="mailbox-text">{email.text}</pre>
      )}
    </div>
  );
}
