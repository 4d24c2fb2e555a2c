// The account page for ops: details, contacts (invite, re-invite), subscriptions with health and risk reasons
// (value report, cancel contract), "view as customer", and the timeline merging every feature's history.
// Every action asks for a reason, kept in the audit log.

import type { TOpsAccount, TTimelineItem } from '@portal/shared/schemas/ops-workspace';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SelectField } from '@/components/ui/select-field';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import {
  useCancelContract,
  useInviteContact,
  useStartViewAs,
} from '@/features/ops-workspace/api/account-actions';
import { useAccountTimeline, useOpsAccount } from '@/features/ops-workspace/api/get-account';
import { ReasonField } from '@/features/ops-workspace/components/reason-field';
import { focusFirstError } from '@/features/ops-workspace/components/record-form';
import { AccountRecordForm, ContractRecordForm } from '@/features/ops-workspace/components/record-forms';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

type Contact = TOpsAccount['contacts'][number];
type Subscription = TOpsAccount['subscriptions'][number];

type PlanOption = { value: string; label: string };

export function AccountPage({ accountId, plans }: { accountId: string; plans?: PlanOption[] | undefined }) {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const query = useOpsAccount(accountId);
  if (query.isPending) return <SkeletonList label={t('account.loading')} rows={4} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('account.loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  const data = query.data;
  return (
    <div className="stack">
      <h2 className="page-subtitle">{data.account.name}</h2>
      <Details account={data.account} />
      <ViewAsCard accountId={accountId} />
      <Contacts accountId={accountId} contacts={data.contacts} />
      <Subscriptions account={data.account} subscriptions={data.subscriptions} plans={plans} />
      <Timeline accountId={accountId} />
    </div>
  );
}

function Details({ account }: { account: TOpsAccount['account'] }) {
  const { t } = useTranslation('opsWorkspace');
  const [isEditing, setIsEditing] = useState(false);
  return (
    <Card
      title={t('account.details')}
      actions={
        isEditing ? null : (
          <Button size="sm" variant="secondary" onClick={() => setIsEditing(true)}>
            {t('records.editAccount')}
          </Button>
        )
      }
    >
      {isEditing ? (
        <AccountRecordForm account={account} onClose={() => setIsEditing(false)} />
      ) : (
        <dl className="details">
          <dt>{t('account.currency')}</dt>
          <dd>{account.currency}</dd>
          <dt>{t('account.country')}</dt>
          <dd>{account.country}</dd>
          <dt>{t('account.billingEmail')}</dt>
          <dd>{account.billingEmail ?? '—'}</dd>
          <dt>{t('account.externalId')}</dt>
          <dd>{account.externalId ?? '—'}</dd>
        </dl>
      )}
    </Card>
  );
}

function ViewAsCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const start = useStartViewAs(accountId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(reason.trim(), { onSuccess: () => void navigate(paths.home) });
  };
  return (
    <Card title={t('account.viewAs')}>
      <form className="stack" onSubmit={onSubmit}>
        <p>{t('account.viewAsBody')}</p>
        <ReasonField value={reason} onChange={setReason} />
        {start.isError ? <Alert tone="error">{apiErrorMessage(start.error, tApp)}</Alert> : null}
        <div>
          <Button type="submit" variant="secondary" isLoading={start.isPending}>
            {t('account.viewAsStart')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Contacts({ accountId, contacts }: { accountId: string; contacts: readonly Contact[] }) {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const invite = useInviteContact(accountId);
  const [form, setForm] = useState({ email: '', name: '', role: 'customer_member' as Contact['role'] });
  const [reason, setReason] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  // The server's field errors beside their fields, the first one focused.
  const fieldErrors = invite.error instanceof ApiError ? invite.error.fields : {};
  useEffect(() => {
    const fields = invite.error instanceof ApiError ? invite.error.fields : {};
    focusFirstError(formRef.current, ['name', 'email', 'role', 'reason'], fields);
  }, [invite.error]);
  const send = (input: { email: string; name: string; role: string }) =>
    invite.mutate({
      email: input.email,
      name: input.name,
      role: input.role === 'customer_admin' ? 'customer_admin' : 'customer_member',
      reason: reason.trim(),
    });
  const columns: DataColumn<Contact>[] = [
    { id: 'name', label: t('account.name'), isRowHeader: true, cell: (c) => c.name },
    { id: 'email', label: t('account.email'), cell: (c) => c.email },
    {
      id: 'role',
      label: t('account.role'),
      cell: (c) => (c.role === 'customer_admin' ? t('account.roleAdmin') : t('account.roleMember')),
    },
    {
      id: 'status',
      label: t('account.contactStatus'),
      cell: (c) => (c.status === 'invited' ? t('account.invited') : t('account.active')),
    },
    {
      id: 'actions',
      label: t('account.reinvite'),
      isActions: true,
      cell: (c) =>
        c.status === 'invited' ? (
          <Button size="sm" variant="secondary" disabled={reason.trim().length < 3} onClick={() => send(c)}>
            {t('account.reinvite')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title={t('account.contacts')}>
      <DataTable
        caption={t('account.contactsCaption')}
        columns={columns}
        rows={contacts}
        rowKey={(c) => c.id}
      />
      <form
        ref={formRef}
        className="stack"
        aria-label={t('account.invite')}
        onSubmit={(event) => {
          event.preventDefault();
          send(form);
        }}
      >
        <h3>{t('account.invite')}</h3>
        <TextField
          name="name"
          label={t('account.name')}
          required
          value={form.name}
          error={fieldErrors.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextField
          name="email"
          label={t('account.email')}
          type="email"
          required
          value={form.email}
          error={fieldErrors.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <SelectField
          label={t('account.role')}
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as Contact['role'] })}
          options={[
            { value: 'customer_member', label: t('account.roleMember') },
            { value: 'customer_admin', label: t('account.roleAdmin') },
          ]}
        />
        <ReasonField value={reason} onChange={setReason} error={fieldErrors.reason} />
        <LiveRegion>
          {invite.isError ? <Alert tone="error">{apiErrorMessage(invite.error, tApp)}</Alert> : null}
          {invite.isSuccess ? <Alert tone="success">{t('account.invitedDone')}</Alert> : null}
        </LiveRegion>
        <div>
          <Button type="submit" isLoading={invite.isPending}>
            {t('account.send')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Subscriptions({
  account,
  subscriptions,
  plans,
}: {
  account: TOpsAccount['account'];
  subscriptions: readonly Subscription[];
  plans: PlanOption[] | undefined;
}) {
  const accountId = account.id;
  // null: no form; 'new': a new contract; else the contract being edited.
  const [editing, setEditing] = useState<Subscription | 'new' | null>(null);
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const { t: tPipeline } = useTranslation('pipeline');
  const format = useFormat();
  const cancel = useCancelContract(accountId);
  const [target, setTarget] = useState<Subscription | null>(null);
  const [reason, setReason] = useState('');
  const [isReasonMissing, setIsReasonMissing] = useState(false);
  const columns: DataColumn<Subscription>[] = [
    { id: 'label', label: t('account.subscriptions'), isRowHeader: true, cell: (s) => s.label },
    { id: 'plan', label: t('account.plan'), cell: (s) => s.planName },
    { id: 'seats', label: t('account.seats'), isNumeric: true, cell: (s) => s.seats },
    { id: 'termEnd', label: t('account.termEnd'), cell: (s) => format.date(s.termEnd) },
    {
      id: 'health',
      label: t('account.risk'),
      cell: (s) => (
        <>
          <Badge tone={s.health.isAtRisk ? 'warning' : 'success'}>{s.health.score}</Badge>{' '}
          {s.health.reasons.map((r) => tPipeline(`reasons.${r}`, { defaultValue: r })).join(', ')}
        </>
      ),
    },
    {
      id: 'actions',
      label: t('account.cancel'),
      isActions: true,
      cell: (s) => (
        <>
          <Link to={paths.valueReport(s.id)}>{t('account.valueReport')}</Link>{' '}
          {account.externalId ? (
            <Button
              size="sm"
              variant="secondary"
              aria-label={t('records.editContractOf', { label: s.label })}
              onClick={() => setEditing(s)}
            >
              {t('records.edit')}
            </Button>
          ) : null}{' '}
          {s.cancelled ? (
            <Badge>{t('account.cancelled')}</Badge>
          ) : (
            <Button size="sm" variant="secondary" onClick={() => setTarget(s)}>
              {t('account.cancel')}
            </Button>
          )}
        </>
      ),
    },
  ];
  return (
    <Card
      title={t('account.subscriptions')}
      actions={
        account.externalId && editing === null ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing('new')}>
            {t('records.newContract')}
          </Button>
        ) : null
      }
    >
      {account.externalId ? null : <p className="muted">{t('records.needsAccountExternalId')}</p>}
      {subscriptions.length ? (
        <DataTable
          caption={t('account.subscriptionsCaption')}
          columns={columns}
          rows={subscriptions}
          rowKey={(s) => s.id}
        />
      ) : (
        <EmptyState title={t('records.noContracts')} />
      )}
      {editing !== null ? (
        <ContractRecordForm
          key={editing === 'new' ? 'new' : editing.id}
          account={account}
          subscription={editing === 'new' ? null : editing}
          plans={plans}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {cancel.isSuccess ? <Alert tone="success">{t('account.cancelledDone')}</Alert> : null}
      <ConfirmDialog
        isOpen={target !== null}
        title={t('account.cancelTitle', { label: target?.label ?? '' })}
        confirmLabel={t('account.cancelConfirm')}
        cancelLabel={t('account.keep')}
        isBusy={cancel.isPending}
        onCancel={() => setTarget(null)}
        onConfirm={() => {
          setIsReasonMissing(reason.trim().length < 3);
          if (!target || reason.trim().length < 3) return;
          cancel.mutate(
            { subscriptionId: target.id, reason: reason.trim() },
            { onSuccess: () => setTarget(null) },
          );
        }}
      >
        <p>{t('account.cancelBody', { date: target ? format.date(target.termEnd) : '' })}</p>
        <ReasonField
          value={reason}
          onChange={setReason}
          error={isReasonMissing ? t('records.reasonRequired') : undefined}
        />
        {cancel.isError ? <Alert tone="error">{apiErrorMessage(cancel.error, tApp)}</Alert> : null}
      </ConfirmDialog>
    </Card>
  );
}

function Timeline({ accountId }: { accountId: string }) {
  const { t } = useTranslation('opsWorkspace');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useAccountTimeline(accountId);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: DataColumn<TTimelineItem>[] = [
    { id: 'when', label: t('account.when'), isRowHeader: true, cell: (i) => format.timestamp(i.at) },
    {
      id: 'what',
      label: t('account.what'),
      cell: (i) => (
        <>
          <Badge tone="info">{t(`account.kind.${i.kind}`)}</Badge> {i.label}
        </>
      ),
    },
    {
      id: 'detail',
      label: t('account.detail'),
      cell: (i) =>
        [i.ref, i.status, i.amount ? format.money(i.amount) : null, i.actor, i.reason]
          .filter(Boolean)
          .join(' · '),
    },
  ];
  return (
    <Card title={t('account.timeline')}>
      {query.isPending ? (
        <SkeletonList label={t('account.loading')} rows={3} />
      ) : query.isError ? (
        <ErrorState
          title={t('account.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState title={t('account.timelineEmpty')} />
      ) : (
        <>
          <DataTable
            caption={t('account.timelineCaption')}
            columns={columns}
            rows={items}
            rowKey={(i) => i.id}
          />
          {query.hasNextPage ? (
            <Button
              variant="secondary"
              isLoading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('account.more')}
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
}
