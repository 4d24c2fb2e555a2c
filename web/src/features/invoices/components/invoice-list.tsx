// The account's invoices, newest first: number, date, what was bought, status, total, and the PDF.

import type { TInvoiceSummary } from '@portal/shared/schemas/invoices';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { invoicePdfUrl, useInvoices } from '@/features/invoices/api/get-invoices';
import { InvoiceStatus } from '@/features/invoices/components/invoice-status';
import '@/features/invoices/invoices.css';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

export function InvoiceList() {
  const { t } = useTranslation('invoices');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useInvoices();
  if (query.isPending) return <Spinner label={t('loading')} />;
  if (query.isError) {
    return (
      <ErrorState
        title={t('loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (query.data.length === 0) return <EmptyState title={t('empty')}>{t('emptyBody')}</EmptyState>;
  const columns: DataColumn<TInvoiceSummary>[] = [
    {
      id: 'number',
      label: t('number'),
      isRowHeader: true,
      cell: (invoice) => (
        <Link to={paths.invoice(invoice.id)} aria-label={t('view', { number: invoice.number })}>
          {invoice.number}
        </Link>
      ),
    },
    { id: 'date', label: t('date'), cell: (invoice) => format.date(invoice.issueDate) },
    {
      id: 'description',
      label: t('description'),
      cell: (invoice) => (
        <span>
          {invoice.description}
          <br />
          <span className="muted">{invoice.subscription.label}</span>
        </span>
      ),
    },
    { id: 'status', label: t('statusLabel'), cell: (invoice) => <InvoiceStatus status={invoice.status} /> },
    { id: 'total', label: t('total'), isNumeric: true, cell: (invoice) => format.money(invoice.total) },
    {
      id: 'pdf',
      label: t('downloadPdf'),
      isActions: true,
      cell: (invoice) => (
        <a href={invoicePdfUrl(invoice.id)} download>
          {t('downloadPdf')}
          <span className="sr-only"> {invoice.number}</span>
        </a>
      ),
    },
  ];
  return (
    <DataTable
      caption={t('caption')}
      columns={columns}
      rows={query.data}
      rowKey={(invoice) => invoice.id}
      className="invoice-table"
    />
  );
}
