// Ops mailbox: every e-mail, newest first, filtered by recipient and status; captured ones (no SMTP) are
// read here, and delivery failures show their last error.

import { OUTBOX_STATUSES, type TMailboxEntry } from '@portal/shared/schemas/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SelectField } from '@/components/ui/select-field';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { MAILBOX_PAGE, type MailboxFilters, useMailbox } from '@/features/mailbox/api/mailbox';
import '@/features/mailbox/mailbox.css';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

const TONES: Record<TMailboxEntry['status'], BadgeTone> = {
  captured: 'info',
  pending: 'warning',
  sending: 'warning',
  sent: 'success',
  failed: 'danger',
};

export function MailboxList() {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const [to, setTo] = useState('');
  const [filters, setFilters] = useState<MailboxFilters>({ to: '', status: '', offset: 0 });
  const query = useMailbox(filters);

  return (
    <div className="stack">
      <form
        className="form-row mailbox-filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ ...filters, to, offset: 0 });
        }}
      >
        <TextField
          label={t('mailbox.toLabel')}
          type="search"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <SelectField
          label={t('mailbox.statusLabel')}
          value={filters.status}
          options={[
            { value: '', label: t('mailbox.anyStatus') },
            ...OUTBOX_STATUSES.map((status) => ({ value: status, label: t(`mailbox.statuses.${status}`) })),
          ]}
          onChange={(event) => {
            const value = OUTBOX_STATUSES.find((s) => s === event.target.value) ?? '';
            setFilters({ ...filters, status: value, offset: 0 });
          }}
        />
        <Button type="submit" variant="secondary">
          {t('mailbox.filter')}
        </Button>
      </form>
      {query.isPending ? <Spinner label={t('mailbox.loading')} /> : null}
      {query.isError ? (
        <ErrorState
          title={t('mailbox.title')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : null}
      {query.data && query.data.length === 0 ? <EmptyState title={t('mailbox.empty')} /> : null}
      {query.data && query.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('mailbox.columns.subject')}</th>
                <th scope="col">{t('mailbox.columns.to')}</th>
                <th scope="col">{t('mailbox.columns.sent')}</th>
                <th scope="col">{t('mailbox.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((email) => (
                <tr key={email.id}>
                  <th scope="row">
                    <Link to={paths.opsMailboxMessage(email.id)}>{email.subject}</Link>
                  </th>
                  <td>{email.to}</td>
                  <td>{format.timestamp(email.createdAt)}</td>
                  <td>
                    <Badge tone={TONES[email.status]}>{t(`mailbox.statuses.${email.status}`)}</Badge>
                    {email.lastError ? (
                      <span className="muted">
                        {' '}
                        {t('mailbox.attempts', { count: email.attempts, error: email.lastError })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form-row">
        <Button
          variant="ghost"
          size="sm"
          disabled={filters.offset === 0}
          onClick={() => setFilters({ ...filters, offset: Math.max(0, filters.offset - MAILBOX_PAGE) })}
        >
          {t('mailbox.newer')}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          disabled={(query.data?.length ?? 0) < MAILBOX_PAGE}
          onClick={() => setFilters({ ...filters, offset: filters.offset + MAILBOX_PAGE })}
        >
          {t('mailbox.older')}
        </Button>
      </div>
    </div>
  );
}
