// SQL of invoices, credit notes, their per-series yearly counters and the vendor's billing settings. Customer
// reads always carry the account id, so another account's invoice is simply not found.

import type { TTimeKey } from '@portal/shared/schemas/ops-workspace';
import type { Insertable, Selectable } from 'kysely';
import { olderThan } from '../../platform/db/keyset.ts';
import type { CreditNoteTable, InvoiceTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

/** This repo's own tables (its slice of the schema): SQL on any other does not compile (decision 015). */
type DbOrTx = DbOf<'credit_notes' | 'document_number_counters' | 'invoices'>;

export type InvoiceRow = Selectable<InvoiceTable>;
export type CreditNoteRow = Selectable<CreditNoteTable>;

/**
 * The next number of a series ('INV', 'CN') in a year. Run inside the transaction that inserts the document,
 * so a document that rolls back gives its number back: the sequence stays gapless.
 */
export async function nextDocumentNumber(db: DbOrTx, series: string, year: number): Promise<number> {
  const row = await db
    .insertInto('document_number_counters')
    .values({ series, year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(['series', 'year'])
        .doUpdateSet((eb) => ({ last_number: eb('document_number_counters.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertInvoice(db: DbOrTx, row: Insertable<InvoiceTable>): Promise<void> {
  await db.insertInto('invoices').values(row).execute();
}

export async function findInvoiceByPayment(db: DbOrTx, paymentId: string) {
  return db.selectFrom('invoices').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();
}

export async function findInvoiceOfAccount(db: DbOrTx, accountId: string, invoiceId: string) {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', invoiceId)
    .executeTakeFirst();
}

/** The service each invoice of a subscription bills, with the amount paid for it, oldest first. */
export async function listServiceSpansOfSubscription(db: DbOrTx, subscriptionId: string) {
  return db
    .selectFrom('invoices')
    .select(['payment_id', 'currency', 'amount_paid_minor', 'service_start', 'service_end'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('service_start')
    .execute();
}

export async function listInvoicesOfAccount(db: DbOrTx, accountId: string, limit: number) {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('issued_at', 'desc')
    .orderBy('number', 'desc')
    .limit(limit)
    .execute();
}

export async function insertCreditNote(db: DbOrTx, row: Insertable<CreditNoteTable>): Promise<boolean> {
  const result = await db
    .insertInto('credit_notes')
    .values(row)
    .onConflict((oc) => oc.column('refund_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findCreditNoteByRefund(db: DbOrTx, refundId: string) {
  return db.selectFrom('credit_notes').selectAll().where('refund_id', '=', refundId).executeTakeFirst();
}

export async function listCreditNotesOfInvoices(db: DbOrTx, invoiceIds: readonly string[]) {
  if (invoiceIds.length === 0) return [];
  return db
    .selectFrom('credit_notes')
    .selectAll()
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('issued_at')
    .orderBy('number')
    .execute();
}

/** An account's invoices, newest first, one keyset page (the ops timeline, decision 021). */
export async function listInvoicesOfAccountPage(
  db: DbOrTx,
  accountId: string,
  after: TTimeKey | null,
  limit: number,
) {
  return db
    .selectFrom('invoices')
    .select(['id', 'issued_at', 'number', 'total_minor', 'currency', 'subscription_label'])
    .where('account_id', '=', accountId)
    .$if(after !== null, (q) => q.where((eb) => olderThan(eb, 'issued_at', 'id', after as TTimeKey)))
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
