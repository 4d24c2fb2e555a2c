// The account's invoices, newest first: number, date, what was bought, status, total, and the PDF.

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
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
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-scroll" aria-label={t('caption')} tabIndex={0}>
      <table className="table invoice-table">
        <caption className="sr-only">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('number')}</th>
            <th scope="col">{t('date')}</th>
            <th scope="col">{t('description')}</th>
            <th scope="col">{t('statusLabel')}</th>
            <th scope="col" className="numeric">
              {t('total')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('downloadPdf')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {query.data.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row">
                <Link to={paths.invoice(invoice.id)} aria-label={t('view', { number: invoice.number })}>
                  {invoice.number}
                </Link>
              </th>
              <td>{format.date(invoice.issueDate)}</td>
              <td>
                {invoice.description}
                <br />
                <span className="muted">{invoice.subscription.label}</span>
              </td>
              <td>
                <InvoiceStatus status={invoice.status} />
              </td>
              <td className="numeric">{format.money(invoice.total)}</td>
              <td>
                <a href={invoicePdfUrl(invoice.id)} download>
                  {t('downloadPdf')}
                  <span className="sr-only"> {invoice.number}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
