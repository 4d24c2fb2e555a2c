// What procurement does with a quote: read its document (seller and buyer with tax ids, the frozen lines,
// validity, terms, the PO number) with the document's SHA-256, set the PO number, accept it online, and
// download it as a PDF. Until accepted the document reads the seller and buyer as they are now; acceptance
// freezes those facts.
//
// What is hashed: the document's facts as canonical JSON (sorted keys), not the bytes of a rendered PDF. The
// facts are what was agreed (who sells what to whom, for how much, until when, under which terms version);
// the PDF's bytes also carry a creation time, font subset names and the renderer's version, so the same
// agreement would hash differently on every download and after any library update, and nobody could show
// later that a PDF is the accepted one. The stored JSON re-renders the accepted document at any time, and
// anyone can recompute its SHA-256.

import { createHash } from 'node:crypto';
import {
  QUOTE_TERMS_VERSION,
  type TPurchaseOrderUpdate,
  type TQuoteAcceptRequest,
  type TQuoteDocumentFacts,
  type TQuoteProcurement,
  ZQuoteDocumentFacts,
} from '@portal/shared/schemas/quote-documents';
import { stringify } from 'safe-stable-stringify';
import { recordAudit } from '../../platform/audit/service.ts';
import type { CustomerUser } from '../../platform/auth/guards.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { fromJson } from '../../platform/db/json.ts';
import { asDocumentLocale, type DocumentLocale } from '../../platform/documents/locale.ts';
import { recordEvent } from '../../platform/events/service.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { currentBuyer } from '../accounts/service.ts';
import { getBillingSettings } from '../invoices/service.ts';
import { recordSubscriptionEvent } from '../subscriptions/service.ts';
import { renderQuotePdf } from './quote-pdf.ts';
import * as repo from './quote-procurement-repo.ts';
import { acceptanceParagraphs, QUOTE_LABELS } from './quote-wording.ts';
import { findQuoteRecord, type QuoteRecord, quoteLines, quoteStatus } from './quotes-service.ts';

export type RequestMeta = { ip: string | null; userAgent: string | null };

export function canonicalJson(facts: TQuoteDocumentFacts): string {
  return stringify(facts) ?? '';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

async function liveFacts(
  db: DbOrTx,
  quote: QuoteRecord,
  purchaseOrder: string | null,
): Promise<TQuoteDocumentFacts> {
  const [settings, buyer] = await Promise.all([getBillingSettings(db), currentBuyer(db, quote.account_id)]);
  if (!buyer) throw notFound('Quote not found');
  return {
    termsVersion: QUOTE_TERMS_VERSION,
    locale: asDocumentLocale(buyer.locale),
    quote: {
      id: quote.id,
      number: quote.number,
      kind: quote.kind,
      createdAt: quote.created_at,
      expiresAt: quote.expires_at,
      termStart: quote.term_start,
      termEnd: quote.term_end,
      termYears: quote.term_years,
      seats: quote.seats,
      previousSeats: quote.basis_seats,
      rulesVersion: quote.rules_version,
    },
    subscription: { id: quote.subscription_id, label: quote.subscription_label },
    plan: { code: quote.plan_code, name: quote.plan_name },
    fromPlan: { code: quote.basis_plan_code, name: quote.basis_plan_name },
    currency: quote.currency,
    lines: quoteLines(quote),
    totalMinor: quote.total_minor,
    seller: { ...settings.seller },
    buyer: buyer.party,
    requestedBy: { name: quote.created_by_name, email: quote.created_by_email },
    purchaseOrder,
  };
}

type Loaded = {
  quote: QuoteRecord;
  procurement: repo.ProcurementRow | undefined;
  facts: TQuoteDocumentFacts;
  sha256: string;
};

/** The quote (404 unless it is the account's), its procurement row and its document as it reads now. */
async function load(db: DbOrTx, accountId: string, quoteId: string): Promise<Loaded> {
  const quote = await findQuoteRecord(db, quoteId, accountId);
  if (!quote) throw notFound('Quote not found');
  const procurement = await repo.findProcurement(db, accountId, quoteId);
  if (procurement?.document_json && procurement.document_sha256) {
    const facts = ZQuoteDocumentFacts.parse(fromJson<unknown>(procurement.document_json, null));
    return { quote, procurement, facts, sha256: procurement.document_sha256 };
  }
  const facts = await liveFacts(db, quote, procurement?.purchase_order ?? null);
  return { quote, procurement, facts, sha256: sha256Hex(canonicalJson(facts)) };
}

function acceptanceOf(row: repo.ProcurementRow | undefined) {
  if (!row?.accepted_at || !row.document_sha256) return null;
  return {
    name: row.accepted_name ?? '',
    title: row.accepted_title ?? '',
    email: row.accepted_by_email ?? '',
    acceptedAt: row.accepted_at,
    ip: row.accepted_ip,
    documentSha256: row.document_sha256,
  };
}

export async function getQuoteProcurement(
  deps: AppDeps,
  accountId: string,
  quoteId: string,
): Promise<TQuoteProcurement> {
  const { quote, procurement, facts, sha256 } = await load(deps.db, accountId, quoteId);
  const acceptance = acceptanceOf(procurement);
  return {
    quoteId: quote.id,
    purchaseOrder: facts.purchaseOrder,
    documentSha256: sha256,
    seller: facts.seller,
    buyer: facts.buyer,
    termsVersion: facts.termsVersion,
    acceptance: acceptance && {
      name: acceptance.name,
      title: acceptance.title,
      email: acceptance.email,
      acceptedAt: acceptance.acceptedAt,
      documentSha256: acceptance.documentSha256,
    },
    canAccept: !acceptance && quoteStatus(quote, deps.clock.now()) === 'open',
  };
}

function assertOpen(quote: QuoteRecord, now: Date, doing: string): void {
  if (quoteStatus(quote, now) !== 'open') {
    throw new AppError(
      'conflict',
      `This quote is no longer open, so you cannot ${doing} it. Ask for a new quote.`,
    );
  }
}

/** Admins set (or clear) the PO number before accepting; audited. 409 once accepted or no longer open. */
export async function setPurchaseOrder(
  deps: AppDeps,
  actor: CustomerUser,
  quoteId: string,
  input: TPurchaseOrderUpdate,
): Promise<TQuoteProcurement> {
  const now = deps.clock.now();
  const purchaseOrder = input.purchaseOrder ?? null;
  await deps.db.transaction().execute(async (tx) => {
    const { quote, procurement } = await load(tx, actor.accountId, quoteId);
    assertOpen(quote, now, 'change');
    const written = await repo.upsertPurchaseOrder(tx, {
      quoteId,
      accountId: actor.accountId,
      purchaseOrder,
      nowIso: now.toISOString(),
    });
    if (!written) throw new AppError('conflict', 'This quote was accepted; its PO number is part of it.');
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: actor.accountId,
      entityType: 'quote',
      entityId: quoteId,
      action: 'quote.purchase_order_set',
      before: { purchaseOrder: procurement?.purchase_order ?? null },
      after: { purchaseOrder },
      at: now,
    });
  });
  return getQuoteProcurement(deps, actor.accountId, quoteId);
}

/**
 * A customer admin accepts the quote as the document they read (its hash must still be the document's: 409
 * when the seller, the buyer, the PO number or the quote changed since). Once per quote; open quotes only.
 * Records who, when, IP, user agent, the typed name and title and the document's facts and hash, with an
 * audit event and a history event, in one transaction.
 */
export async function acceptQuote(
  deps: AppDeps,
  actor: CustomerUser,
  quoteId: string,
  input: TQuoteAcceptRequest,
  meta: RequestMeta,
): Promise<TQuoteProcurement> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const { quote, procurement, facts } = await load(tx, actor.accountId, quoteId);
    if (procurement?.accepted_at) throw new AppError('conflict', 'This quote has already been accepted.');
    assertOpen(quote, now, 'accept');
    const documentJson = canonicalJson(facts);
    const documentSha256 = sha256Hex(documentJson);
    if (documentSha256 !== input.documentSha256) {
      throw new AppError(
        'conflict',
        'The quote document changed since you opened it (billing details or PO number). Review it and accept again.',
      );
    }
    const accepted = await repo.insertAcceptance(tx, {
      quoteId,
      accountId: actor.accountId,
      acceptedAt: now.toISOString(),
      userId: actor.id,
      email: actor.email,
      name: input.name.trim(),
      title: input.title.trim(),
      ip: meta.ip,
      userAgent: meta.userAgent,
      documentJson,
      documentSha256,
    });
    if (!accepted) throw new AppError('conflict', 'This quote has already been accepted.');
    const actorRef = { userId: actor.id, label: actor.email };
    const record = {
      quoteId,
      number: quote.number,
      name: input.name.trim(),
      title: input.title.trim(),
      ip: meta.ip,
      userAgent: meta.userAgent,
      purchaseOrder: facts.purchaseOrder,
      termsVersion: facts.termsVersion,
      documentSha256,
    };
    await recordAudit(tx, {
      actor: actorRef,
      accountId: actor.accountId,
      entityType: 'quote',
      entityId: quoteId,
      action: 'quote.accepted',
      after: record,
      at: now,
    });
    const acceptedEvent = {
      quoteId,
      number: quote.number,
      subscriptionId: quote.subscription_id,
      purchaseOrder: facts.purchaseOrder,
      acceptedBy: record.name,
    };
    await recordEvent(tx, {
      type: 'quote.accepted',
      accountId: actor.accountId,
      subject: { type: 'quote', id: quoteId },
      data: acceptedEvent,
      at: now,
    });
    await recordSubscriptionEvent(tx, {
      subscriptionId: quote.subscription_id,
      type: 'quote.accepted',
      at: now,
      actor: actorRef,
      data: { quoteId, number: quote.number, documentSha256, purchaseOrder: facts.purchaseOrder },
    });
  });
  return getQuoteProcurement(deps, actor.accountId, quoteId);
}

/** The quote as a PDF in the account's language: the accepted document once accepted, else as it reads now. */
export async function getQuotePdf(
  deps: AppDeps,
  accountId: string,
  quoteId: string,
): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer> }> {
  const { quote, procurement, facts, sha256 } = await load(deps.db, accountId, quoteId);
  const bytes = await renderQuotePdf({
    facts,
    sha256,
    status: quoteStatus(quote, deps.clock.now()),
    acceptance: acceptanceOf(procurement),
  });
  return { filename: `${quote.number}.pdf`, bytes };
}

/** For the invoice of a paid quote: its PO number and online acceptance, if any (account-scoped). */
export async function quoteProcurementForInvoice(
  db: DbOrTx,
  accountId: string,
  quoteId: string,
): Promise<{
  purchaseOrder: string | null;
  acceptance: ReturnType<typeof acceptanceOf>;
}> {
  const row = await repo.findProcurement(db, accountId, quoteId);
  return { purchaseOrder: row?.purchase_order ?? null, acceptance: acceptanceOf(row) };
}

/**
 * What the invoice of a paid quote prints of it (invoices' `quoteOnInvoice` provider, registered in
 * server/src/hooks.ts): the PO number, and the online acceptance worded in the invoice's language.
 */
export async function quoteOnInvoice(
  db: DbOrTx,
  input: { accountId: string; quote: { id: string; number: string }; locale: DocumentLocale },
): Promise<{ purchaseOrder: string | null; acceptance: { title: string; paragraphs: string[] } | null }> {
  const { purchaseOrder, acceptance } = await quoteProcurementForInvoice(db, input.accountId, input.quote.id);
  return {
    purchaseOrder,
    acceptance: acceptance && {
      title: QUOTE_LABELS[input.locale].acceptanceTitle,
      paragraphs: acceptanceParagraphs(input.locale, { ...acceptance, quoteNumber: input.quote.number }),
    },
  };
}
