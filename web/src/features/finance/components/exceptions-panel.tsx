// The exceptions finance works through: filters (open / resolved, kind), one row per problem with both
// sides' figures and where to look, "Resolve" (with a note) or, once resolved, who did it and "Reopen".

import { EXCEPTION_CLASSES, type TException, type TExceptionClass } from '@portal/shared/schemas/finance';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SelectField } from '@/components/ui/select-field';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { type ExceptionFilters, useExceptions } from '@/features/finance/api/get-exceptions';
import { useReopenException } from '@/features/finance/api/resolve-exception';
import { ReconClassBadge } from '@/features/finance/components/recon-class-badge';
import { ResolveDialog } from '@/features/finance/components/resolve-dialog';
import { ShortId, WhenCell } from '@/features/finance/components/when-cell';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { apiErrorMessage } from '@/lib/api-error-message';
import { paths } from '@/lib/paths';

export function ExceptionsPanel() {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  const [filters, setFilters] = useState<ExceptionFilters>({ status: 'open' });
  const [resolving, setResolving] = useState<TException | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const query = useExceptions(filters);
  const reopen = useReopenException();

  return (
    <Card title={t('exceptions.title')}>
      <div className="stack">
        <form
          className="finance-filters"
          aria-label={t('exceptions.filters')}
          onSubmit={(e) => e.preventDefault()}
        >
          <SelectField
            label={t('exceptions.status.label')}
            value={filters.status}
            onChange={(event) =>
              setFilters({ ...filters, status: event.target.value as ExceptionFilters['status'] })
            }
            options={(['open', 'resolved', 'all'] as const).map((s) => ({
              value: s,
              label: t(`exceptions.status.${s}`),
            }))}
          />
          <SelectField
            label={t('exceptions.classLabel')}
            value={filters.class ?? ''}
            onChange={(event) =>
              setFilters({
                ...filters,
                class: (event.target.value || undefined) as TExceptionClass | undefined,
              })
            }
            options={[
              { value: '', label: t('exceptions.allClasses') },
              ...EXCEPTION_CLASSES.map((c) => ({ value: c, label: t(`classes.${c}`) })),
            ]}
          />
          {query.data ? (
            <p className="finance-muted">
              {t('exceptions.counts', { open: query.data.counts.open, resolved: query.data.counts.resolved })}
            </p>
          ) : null}
        </form>
        <LiveRegion>{announcement ? <Alert tone="success">{announcement}</Alert> : null}</LiveRegion>
        {query.isPending ? (
          <SkeletonList label={t('common.loading')} rows={3} />
        ) : query.isError ? (
          <ErrorState
            title={t('common.loadFailed')}
            detail={apiErrorMessage(query.error, tApp)}
            retryLabel={tApp('common.tryAgain')}
            onRetry={() => void query.refetch()}
          />
        ) : query.data.exceptions.length === 0 ? (
          <EmptyState
            headingLevel={3}
            title={
              filters.status === 'open' && !filters.class
                ? t('exceptions.empty')
                : t('exceptions.emptyFiltered')
            }
          />
        ) : (
          <ExceptionsTable
            exceptions={query.data.exceptions}
            onResolve={(exception) => {
              setAnnouncement(null);
              setResolving(exception);
            }}
            onReopen={(exception) =>
              reopen.mutate(exception.id, { onSuccess: () => setAnnouncement(t('exceptions.reopened')) })
            }
            reopeningId={reopen.isPending ? (reopen.variables ?? null) : null}
          />
        )}
      </div>
      <ResolveDialog
        exception={resolving}
        onClose={(resolved) => {
          setResolving(null);
          if (resolved) setAnnouncement(t('exceptions.resolved'));
        }}
      />
    </Card>
  );
}

function ExceptionsTable(props: {
  exceptions: readonly TException[];
  onResolve: (exception: TException) => void;
  onReopen: (exception: TException) => void;
  reopeningId: string | null;
}) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const columns: DataColumn<TException>[] = [
    {
      id: 'found',
      label: t('exceptions.found'),
      isRowHeader: true,
      cell: (e) => <WhenCell at={e.occurredAt} />,
    },
    {
      id: 'class',
      label: t('common.class'),
      cell: (e) => (
        <span>
          <ReconClassBadge value={e.class} />
          {e.detail ? <span className="finance-table__sub">{t(`details.${e.detail}`)}</span> : null}
          {!e.isCurrent ? <span className="finance-table__sub">{t('exceptions.noLongerFound')}</span> : null}
        </span>
      ),
    },
    { id: 'account', label: t('common.account'), cell: (e) => e.account?.name ?? t('common.none') },
    {
      id: 'stripe',
      label: t('exceptions.stripeAmount'),
      isNumeric: true,
      cell: (e) => (
        <span>
          {format.maybeMoney(e.detail === 'fee' ? e.stripe.fee : e.stripe.amount)}
          {e.stripe.transactionId ? <ShortId id={e.stripe.transactionId} /> : null}
        </span>
      ),
    },
    {
      id: 'portal',
      label: t('exceptions.portalAmount'),
      isNumeric: true,
      cell: (e) => (
        <span>
          {format.maybeMoney(e.detail === 'fee' ? e.portal.fee : e.portal.amount)}
          {e.invoice ? <span className="finance-table__id">{e.invoice.number}</span> : null}
        </span>
      ),
    },
    { id: 'reference', label: t('common.reference'), cell: (e) => <ExceptionReference exception={e} /> },
    {
      id: 'action',
      label: t('exceptions.action'),
      isActions: true,
      cell: (e) => <ExceptionAction exception={e} {...props} />,
    },
  ];
  return (
    <DataTable
      caption={t('exceptions.tableCaption')}
      columns={columns}
      rows={props.exceptions}
      rowKey={(e) => e.id}
      className="finance-table"
    />
  );
}

function ExceptionAction({
  exception: e,
  onResolve,
  onReopen,
  reopeningId,
}: {
  exception: TException;
  onResolve: (exception: TException) => void;
  onReopen: (exception: TException) => void;
  reopeningId: string | null;
}) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  if (e.status === 'open') {
    const kind = t(`classes.${e.class}`);
    const when = format.timestamp(e.occurredAt);
    return (
      <Button
        size="sm"
        variant="secondary"
        onClick={() => onResolve(e)}
        aria-label={t('exceptions.resolveNamed', { kind, when })}
      >
        {t('exceptions.resolve')}
      </Button>
    );
  }
  return (
    <div className="finance-resolution">
      <p>{e.resolution?.note}</p>
      <p className="finance-table__sub">
        {t('exceptions.resolvedBy', {
          who: e.resolution?.resolvedBy ?? '',
          when: e.resolution ? format.timestamp(e.resolution.resolvedAt) : '',
        })}
      </p>
      <Button size="sm" variant="ghost" isLoading={reopeningId === e.id} onClick={() => onReopen(e)}>
        {t('exceptions.reopen')}
      </Button>
    </div>
  );
}

function ExceptionReference({ exception: e }: { exception: TException }) {
  const { t } = useTranslation('finance');
  return (
    <ul className="finance-refs">
      {e.paymentId ? (
        <li>
          <span className="finance-table__sub">{t('exceptions.payment')}</span>
          <Link to={paths.financePayment(e.paymentId)} className="finance-ref-link" title={e.paymentId}>
            {e.paymentId}
          </Link>
        </li>
      ) : null}
      {e.relatedPaymentId ? (
        <li>
          <span className="finance-table__sub">{t('exceptions.relatedPayment')}</span>
          <Link
            to={paths.financePayment(e.relatedPaymentId)}
            className="finance-ref-link"
            title={e.relatedPaymentId}
          >
            {e.relatedPaymentId}
          </Link>
        </li>
      ) : null}
      {e.payoutId ? (
        <li>
          <span className="finance-table__sub">{t('exceptions.payout')}</span>
          <Link to={paths.financePayout(e.payoutId)} className="finance-ref-link" title={e.payoutId}>
            {e.payoutId}
          </Link>
        </li>
      ) : null}
      {!e.paymentId && !e.relatedPaymentId && !e.payoutId ? <li>{t(`subjects.${e.subjectType}`)}</li> : null}
    </ul>
  );
}
