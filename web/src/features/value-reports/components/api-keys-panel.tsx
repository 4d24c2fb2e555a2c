// Usage API keys for ops: create one (its secret is shown once, with a copy button), see when each was last
// used, revoke after a confirmation.

import type { TApiKey } from '@portal/shared/schemas/api-keys';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { useCreateApiKey } from '@/features/value-reports/api/create-api-key';
import { useApiKeys } from '@/features/value-reports/api/get-api-keys';
import { useRevokeApiKey } from '@/features/value-reports/api/revoke-api-key';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

export function ApiKeysPanel() {
  const { t } = useTranslation('valueReports');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [isCopied, setCopied] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [toRevoke, setToRevoke] = useState<TApiKey | null>(null);

  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setCopied(false);
    create.mutate(
      { name },
      {
        onSuccess: (reply) => {
          setCreated({ name: reply.apiKey.name, secret: reply.secret });
          setName('');
        },
      },
    );
  };
  const onRevoke = () => {
    if (!toRevoke) return;
    const key = toRevoke;
    revoke.mutate(key.id, {
      onSuccess: () => setNotice(t('apiKeys.revokedNotice', { name: key.name })),
      onSettled: () => setToRevoke(null),
    });
  };

  return (
    <div className="stack">
      <Card title={t('apiKeys.createTitle')}>
        <form className="inline-form" onSubmit={onCreate}>
          <TextField
            label={t('apiKeys.name')}
            hint={t('apiKeys.nameHint')}
            value={name}
            required
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            error={create.error ? apiErrorMessage(create.error, tApp) : undefined}
          />
          <Button type="submit" isLoading={create.isPending}>
            {t('apiKeys.create')}
          </Button>
        </form>
        <LiveRegion>
          {created ? (
            <Alert tone="success" title={t('apiKeys.createdTitle')}>
              <p>{t('apiKeys.createdBody', { name: created.name })}</p>
              <p>
                <code className="api-key-secret">{created.secret}</code>
              </p>
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  void navigator.clipboard?.writeText(created.secret).then(() => setCopied(true))
                }
              >
                {t('apiKeys.copy')}
              </Button>
              {isCopied ? <span className="vr-muted"> {t('apiKeys.copied')}</span> : null}
            </Alert>
          ) : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
        </LiveRegion>
      </Card>
      <Card title={t('apiKeys.listTitle')}>
        {revoke.error ? <Alert tone="error">{apiErrorMessage(revoke.error, tApp)}</Alert> : null}
        {query.isPending ? (
          <SkeletonList label={t('apiKeys.loading')} rows={2} />
        ) : query.isError ? (
          <ErrorState
            title={t('apiKeys.loadFailed')}
            detail={apiErrorMessage(query.error, tApp)}
            retryLabel={tApp('common.tryAgain')}
            onRetry={() => void query.refetch()}
          />
        ) : query.data.length === 0 ? (
          <EmptyState title={t('apiKeys.empty')} headingLevel={3} />
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <section className="table-scroll" aria-label={t('apiKeys.tableCaption')} tabIndex={0}>
            <table className="table">
              <caption className="sr-only">{t('apiKeys.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('apiKeys.name')}</th>
                  <th scope="col">{t('apiKeys.prefix')}</th>
                  <th scope="col">{t('apiKeys.created')}</th>
                  <th scope="col">{t('apiKeys.createdBy')}</th>
                  <th scope="col">{t('apiKeys.lastUsed')}</th>
                  <th scope="col">{t('apiKeys.state')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('apiKeys.revoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {query.data.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{format.timestamp(key.createdAt)}</td>
                    <td>{key.createdBy ?? '—'}</td>
                    <td>{key.lastUsedAt ? format.timestamp(key.lastUsedAt) : t('apiKeys.never')}</td>
                    <td>
                      {key.revokedAt ? (
                        <Badge tone="neutral">{t('apiKeys.revoked')}</Badge>
                      ) : (
                        <Badge tone="success">{t('apiKeys.active')}</Badge>
                      )}
                    </td>
                    <td>
                      {key.revokedAt ? null : (
                        <Button
                          variant="danger"
                          size="sm"
                          aria-label={t('apiKeys.revokeLabel', { name: key.name })}
                          onClick={() => {
                            setNotice(null);
                            setToRevoke(key);
                          }}
                        >
                          {t('apiKeys.revoke')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </Card>
      <ConfirmDialog
        isOpen={toRevoke !== null}
        title={t('apiKeys.revokeTitle')}
        confirmLabel={t('apiKeys.revoke')}
        cancelLabel={tApp('common.cancel')}
        isBusy={revoke.isPending}
        onConfirm={onRevoke}
        onCancel={() => setToRevoke(null)}
      >
        <p>{t('apiKeys.revokeBody', { name: toRevoke?.name ?? '' })}</p>
      </ConfirmDialog>
    </div>
  );
}
