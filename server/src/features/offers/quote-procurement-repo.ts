// SQL of a quote's procurement row: its purchase-order number and its online acceptance. Reads carry the
// account id; acceptance is a guarded write, so a quote is accepted once however many requests race.

import type { Selectable } from 'kysely';
import type { QuoteProcurementTable } from '../../platform/db/schema.ts';
import type { DbOf } from '../../platform/db/slice.ts';

/** This repo's own tables (its slice of the schema): SQL on any other does not compile (decision 015). */
type DbOrTx = DbOf<'quote_procurement'>;

export type ProcurementRow = Selectable<QuoteProcurementTable>;

export async function findProcurement(db: DbOrTx, accountId: string, quoteId: string) {
  return db
    .selectFrom('quote_procurement')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('quote_id', '=', quoteId)
    .executeTakeFirst();
}

/** Sets the PO number unless the quote was accepted; returns whether it was written. */
export async function upsertPurchaseOrder(
  db: DbOrTx,
  input: { quoteId: string; accountId: string; purchaseOrder: string | null; nowIso: string },
): Promise<boolean> {
  const result = await db
    .insertInto('quote_procurement')
    .values({
      quote_id: input.quoteId,
      account_id: input.accountId,
      purchase_order: input.purchaseOrder,
      purchase_order_updated_at: input.nowIso,
    })
    .onConflict((oc) =>
      oc
        .column('quote_id')
        .doUpdateSet({ purchase_order: input.purchaseOrder, purchase_order_updated_at: input.nowIso })
        .where('quote_procurement.accepted_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export type AcceptanceValues = {
  quoteId: string;
  accountId: string;
  acceptedAt: string;
  userId: string;
  email: string;
  name: string;
  title: string;
  ip: string | null;
  userAgent: string | null;
  documentJson: string;
  documentSha256: string;
};

/** Records the acceptance once: a second call (or a racing one) writes nothing and returns false. */
export async function insertAcceptance(db: DbOrTx, values: AcceptanceValues): Promise<boolean> {
  const row = {
    accepted_at: values.acceptedAt,
    accepted_by_user_id: values.userId,
    accepted_by_email: values.email,
    accepted_name: values.name,
    accepted_title: values.title,
    accepted_ip: values.ip,
    accepted_user_agent: values.userAgent,
    document_json: values.documentJson,
    document_sha256: values.documentSha256,
  };
  const result = await db
    .insertInto('quote_procurement')
    .values({ quote_id: values.quoteId, account_id: values.accountId, ...row })
    .onConflict((oc) =>
      oc.column('quote_id').doUpdateSet(row).where('quote_procurement.accepted_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
