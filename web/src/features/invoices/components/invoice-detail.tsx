// One invoice as a document: seller and buyer, what was bought for which period, the lines with discounts and
// credits, tax and totals, the payment, and the credit notes of any refunds; with its PDF to download.

import { addDays } from '@portal/shared/dates';
import type { TInvoice, TInvoiceLine, TParty } from '@portal/shared/schemas/invoices';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { buttonClassName } from '@/components/ui/button';
import { type DataColumn, DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useInvoice } from '@/features/invoices/api/get-invoice';
import { invoicePdfUrl } from '@/features/invoices/api/get-invoices';
import { InvoiceStatus } from '@/features/invoices/components/invoice-status';
import '@/features/invoices/invoices.css';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

const CARD_BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

export function InvoiceDetail({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation('invoices');
  const { t: tApp } = useTranslation();
  const query = useInvoice(invoiceId);
  if (query.isPending) return <Spinner label={t('detail.loading')} />;
  if (query.isError) {
    if (isApiError(query.error, 404)) {
      return (
        <ContentLayout title={t('detail.notFoundTitle')} titleSuffix={tApp('app.name')}>
          <EmptyState
            title={t('detail.notFound')}
            action={<Link to={paths.invoices}>{t('detail.back')}</Link>}
          />
        </ContentLayout>
      );
    }
    return (
      <ErrorState
        title={t('loadFailed')}
        detail={apiErrorMessage(query.error, tApp)}
        retryLabel={tApp('common.tryAgain')}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return <InvoiceContent invoice={query.data} />;
}

function Party({ title, party }: { title: string; party: TParty }) {
  const { t } = useTranslation('invoices');
  return (
    <section className="invoice-document__party" aria-label={title}>
      <h3 className="invoice-document__label">{title}</h3>
      <p className="invoice-document__strong">{party.legalName}</p>
      {party.addressLines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {party.taxId ? <p>{t('detail.taxId', { taxId: party.taxId })}</p> : null}
      {party.email ? <p className="muted">{party.email}</p> : null}
    </section>
  );
}

function InvoiceContent({ invoice }: { invoice: TInvoice }) {
  const { t } = useTranslation('invoices');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const money = (amountMinor: number) => format.money({ amountMinor, currency: invoice.total.currency });
  const lineColumns: DataColumn<TInvoiceLine>[] = [
    { id: 'description', label: t('description'), isRowHeader: true, cell: (line) => line.description },
    { id: 'quantity', label: t('detail.quantity'), isNumeric: true, cell: (line) => line.quantity ?? '' },
    {
      id: 'unit',
      label: t('detail.unitPrice'),
      isNumeric: true,
      cell: (line) => (line.unitAmountMinor === null ? '' : money(line.unitAmountMinor)),
    },
    { id: 'amount', label: t('detail.amount'), isNumeric: true, cell: (line) => money(line.amountMinor) },
  ];
  const creditNoteColumns: DataColumn<TInvoice['creditNotes'][number]>[] = [
    { id: 'number', label: t('detail.creditNoteNumber'), isRowHeader: true, cell: (note) => note.number },
    { id: 'date', label: t('detail.creditNoteDate'), cell: (note) => format.date(note.issueDate) },
    { id: 'reason', label: t('detail.creditNoteReason'), cell: (note) => note.reason ?? '' },
    {
      id: 'amount',
      label: t('detail.creditNoteAmount'),
      isNumeric: true,
      cell: (note) => money(-note.amount.amountMinor),
    },
  ];
  const rate = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    invoice.tax.rateBasisPoints / 10_000,
  );
  const { payment } = invoice;
  const title = t('detail.title', { number: invoice.number });
  return (
    <>
      <p className="back-link">
        <Link to={paths.invoices}>
          <span aria-hidden="true">← </span>
          {t('detail.back')}
        </Link>
      </p>
      <ContentLayout
        title={title}
        titleSuffix={tApp('app.name')}
        lead={t('detail.issued', { date: format.date(invoice.issueDate) })}
        actions={
          <a className={buttonClassName('primary')} href={invoicePdfUrl(invoice.id)} download>
            {t('downloadPdf')}
          </a>
        }
      >
        <article className="invoice-document" aria-label={title}>
          <div className="invoice-actions">
            <InvoiceStatus status={invoice.status} />
            <strong>{invoice.description}</strong>
          </div>
          <div className="invoice-document__parties">
            <Party title={t('detail.seller')} party={invoice.seller} />
            <Party title={t('detail.buyer')} party={invoice.buyer} />
            <section className="invoice-document__party" aria-label={t('detail.servicePeriod')}>
              <h3 className="invoice-document__label">{t('detail.servicePeriod')}</h3>
              <p className="invoice-document__strong">{invoice.subscription.label}</p>
              <p>
                {t('detail.servicePeriodValue', {
                  start: format.date(invoice.servicePeriod.start),
                  end: format.date(addDays(invoice.servicePeriod.end, -1)),
                })}
              </p>
              {invoice.quote ? (
                <p>
                  {t('detail.quote')}: <Link to={paths.quote(invoice.quote.id)}>{invoice.quote.number}</Link>
                </p>
              ) : null}
            </section>
          </div>
          <DataTable
            caption={t('detail.lines')}
            columns={lineColumns}
            rows={invoice.lines}
            rowKey={(line) => `${line.kind}:${line.description}`}
            className="invoice-table"
          />
          <table className="invoice-document__totals">
            <tbody>
              <tr>
                <th scope="row">{t('detail.subtotal')}</th>
                <td>{format.money(invoice.subtotal)}</td>
              </tr>
              {invoice.discounts.amountMinor !== 0 ? (
                <tr>
                  <th scope="row">{t('detail.discounts')}</th>
                  <td>{format.money(invoice.discounts)}</td>
                </tr>
              ) : null}
              {invoice.credit.amountMinor !== 0 ? (
                <tr>
                  <th scope="row">{t('detail.credit')}</th>
                  <td>{format.money(invoice.credit)}</td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{t('detail.tax', { label: invoice.tax.label, rate })}</th>
                <td>{format.money(invoice.tax.amount)}</td>
              </tr>
              <tr className="invoice-document__grand">
                <th scope="row">{t('detail.total')}</th>
                <td>{format.money(invoice.total)}</td>
              </tr>
              <tr>
                <th scope="row">{t('detail.amountPaid')}</th>
                <td>{format.money(invoice.amountPaid)}</td>
              </tr>
            </tbody>
          </table>
          <section aria-label={t('detail.payment')}>
            <h3 className="invoice-document__label">{t('detail.payment')}</h3>
            <p>
              {t('detail.paidOn', { date: format.timestamp(payment.paidAt) })}
              {payment.cardBrand && payment.cardLast4
                ? ` · ${t('detail.card', { brand: CARD_BRANDS[payment.cardBrand] ?? payment.cardBrand, last4: payment.cardLast4 })}`
                : null}
            </p>
            <p className="muted">
              {t('detail.reference', { reference: payment.chargeId ?? payment.paymentIntentId })}
            </p>
          </section>
          <section aria-label={t('detail.creditNotes')}>
            <h3 className="invoice-document__label">{t('detail.creditNotes')}</h3>
            {invoice.creditNotes.length === 0 ? (
              <p className="muted">{t('detail.noCreditNotes')}</p>
            ) : (
              <DataTable
                caption={t('detail.creditNotes')}
                columns={creditNoteColumns}
                rows={invoice.creditNotes}
                rowKey={(note) => note.id}
                className="invoice-table"
              />
            )}
          </section>
        </article>
      </ContentLayout>
    </>
  );
}
