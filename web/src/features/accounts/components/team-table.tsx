// The account's people. Admins can switch a person between admin and member and remove them (after a
// confirmation); members see the same list without the actions.

import type { TAccountUser } from '@portal/shared/schemas/accounts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { useChangeRole } from '@/features/accounts/api/change-role';
import { useUsers } from '@/features/accounts/api/get-users';
import { useRemoveUser } from '@/features/accounts/api/remove-user';
import { teamErrorMessage } from '@/features/accounts/utils/team-error';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';

type TeamTableProps = { canManage: boolean; currentUserId: string };

export function TeamTable({ canManage, currentUserId }: TeamTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useUsers();
  const changeRole = useChangeRole();
  const removeUser = useRemoveUser();
  const [notice, setNotice] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<TAccountUser | null>(null);

  if (query.isPending) return <SkeletonList label={t('team.loading')} rows={2} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('team.loadFailed')}
        detail={apiErrorMessage(query.error, t)}
        retryLabel={t('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (query.data.length === 0) return <EmptyState title={t('team.empty')} />;

  function toggleRole(user: TAccountUser) {
    const role = user.role === 'customer_admin' ? 'customer_member' : 'customer_admin';
    setNotice(null);
    removeUser.reset();
    changeRole.mutate(
      { userId: user.id, role },
      {
        onSuccess: () => setNotice(t('team.roleChanged', { name: user.name, role: t(`team.roles.${role}`) })),
      },
    );
  }

  function confirmRemoval() {
    if (!toRemove) return;
    const user = toRemove;
    setNotice(null);
    changeRole.reset();
    removeUser.mutate(user.id, {
      onSuccess: () => setNotice(t('team.removed', { name: user.name })),
      onSettled: () => setToRemove(null),
    });
  }

  const actionError = changeRole.error ?? removeUser.error;
  const columns: DataColumn<TAccountUser>[] = [
    {
      id: 'name',
      label: t('team.name'),
      isRowHeader: true,
      className: 'table__name',
      cell: (user) => (
        <span>
          {user.name}
          {user.id === currentUserId ? <span className="muted"> ({t('common.you')})</span> : null}
        </span>
      ),
    },
    { id: 'email', label: t('team.email'), className: 'table__email', cell: (user) => user.email },
    { id: 'role', label: t('team.role'), cell: (user) => t(`team.roles.${user.role}`) },
    {
      id: 'status',
      label: t('team.status'),
      cell: (user) => (
        <Badge tone={user.status === 'active' ? 'success' : 'info'}>
          {t(`team.statuses.${user.status}`)}
        </Badge>
      ),
    },
    {
      id: 'lastSignIn',
      label: t('team.lastSignIn'),
      cell: (user) => (user.lastSignInAt ? format.timestamp(user.lastSignInAt) : t('team.never')),
    },
  ];
  const actionsColumn: DataColumn<TAccountUser> = {
    id: 'actions',
    label: t('team.actions'),
    isActions: true,
    cell: (user) => (
      <div className="table__actions">
        <Button
          variant="secondary"
          size="sm"
          isLoading={changeRole.isPending && changeRole.variables?.userId === user.id}
          onClick={() => toggleRole(user)}
        >
          {user.role === 'customer_admin' ? t('team.makeMember') : t('team.makeAdmin')}
          <span className="sr-only">, {user.name}</span>
        </Button>
        <Button variant="ghost" size="sm" className="button--danger-text" onClick={() => setToRemove(user)}>
          {t('team.remove')}
          <span className="sr-only">, {user.name}</span>
        </Button>
      </div>
    ),
  };

  return (
    <div className="stack">
      {actionError ? <Alert tone="error">{teamErrorMessage(actionError, t)}</Alert> : null}
      <LiveRegion>{notice ? <Alert tone="success">{notice}</Alert> : null}</LiveRegion>
      <DataTable
        caption={t('team.tableCaption')}
        columns={canManage ? [...columns, actionsColumn] : columns}
        rows={query.data}
        rowKey={(user) => user.id}
      />
      <ConfirmDialog
        isOpen={toRemove !== null}
        title={toRemove ? t('team.confirmRemoveTitle', { name: toRemove.name }) : ''}
        confirmLabel={t('team.confirmRemove')}
        cancelLabel={t('common.cancel')}
        isBusy={removeUser.isPending}
        onConfirm={confirmRemoval}
        onCancel={() => setToRemove(null)}
      >
        {toRemove ? (
          <p>
            {toRemove.id === currentUserId
              ? t('team.confirmRemoveSelf')
              : t('team.confirmRemoveBody', { name: toRemove.name, email: toRemove.email })}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
