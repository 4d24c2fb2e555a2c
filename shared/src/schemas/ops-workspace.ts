// The ops workspace (issue 13 item 6, decision 021): the landing page, account search with keyset pages, the
// account page and its timeline, actions taken with a reason, "view as customer", and the audit log.

import { z } from 'zod';
import {
  ZAccountRecord,
  ZRecordResult,
  ZSubscriptionRecord,
  ZVendorAccount,
  ZVendorSubscription,
} from './vendor-api.ts';

/** A position in a newest-first list: the (instant, id) of the last row shown. */
export const ZTimeKey = z.object({ at: z.string().min(1).max(40), id: z.string().min(1).max(80) });
export type TTimeKey = z.infer<typeof ZTimeKey>;

const ZMoneyAmount = z.object({ amountMinor: z.number().int(), currency: z.string() });

/** What ops typed to explain an action on a customer's behalf; kept in the audit log. */
export const ZReason = z.string().trim().min(3, 'Say why (at least 3 characters)').max(500);

const ZCursorParam = z.string().max(400).optional();
const ZLimitParam = z.coerce.number().int().min(1).max(100).default(25);

// ---- landing ----

export const ZOpsSummary = z.object({
  today: z.string(),
  run: z
    .object({
      id: z.string(),
      forDate: z.string(),
      status: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      stats: z.record(z.string(), z.number()),
    })
    .nullable(),
  runIsToday: z.boolean(),
  isRunning: z.boolean(),
  due: z.object({ in30: z.number().int(), in60: z.number().int(), in90: z.number().int() }),
  atRisk: z.object({
    count: z.number().int(),
    top: z.array(
      z.object({
        accountId: z.string(),
        accountName: z.string(),
        subscriptionId: z.string(),
        score: z.number(),
        reasons: z.array(z.string()),
        termEnd: z.string(),
      }),
    ),
  }),
  openFinanceExceptions: z.number().int(),
  /** Null while no webhook feature answers (the tile is hidden). */
  failedWebhookDeliveries: z.number().int().nullable(),
});
export type TOpsSummary = z.infer<typeof ZOpsSummary>;

// ---- account search ----

export const ACCOUNT_STATUSES = ['active', 'grace', 'inactive'] as const;
export const HEALTH_FILTERS = ['at_risk', 'healthy'] as const;
export const RENEWAL_WINDOWS = ['30', '60', '90'] as const;

export const ZAccountSearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  health: z.enum(HEALTH_FILTERS).optional(),
  window: z.enum(RENEWAL_WINDOWS).optional(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  cursor: ZCursorParam,
  limit: ZLimitParam,
});
export type TAccountSearchQuery = z.input<typeof ZAccountSearchQuery>;

export const ZAccountSearchRow = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  country: z.string(),
  externalId: z.string().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  nextTermEnd: z.string().nullable(),
  health: z.object({ score: z.number(), isAtRisk: z.boolean(), reasons: z.array(z.string()) }).nullable(),
});
export type TAccountSearchRow = z.infer<typeof ZAccountSearchRow>;

export const ZAccountSearchPage = z.object({
  rows: z.array(ZAccountSearchRow),
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type TAccountSearchPage = z.infer<typeof ZAccountSearchPage>;

// ---- the account page ----

export const TIMELINE_KINDS = ['notice', 'email', 'quote', 'payment', 'invoice', 'audit'] as const;
export type TTimelineKind = (typeof TIMELINE_KINDS)[number];

export const ZTimelineItem = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  /** A code the page words: the notice kind, e-mail template, quote kind, payment status, audit action… */
  label: z.string(),
  /** A number, subject or address that identifies it for people. */
  ref: z.string().nullable(),
  status: z.string().nullable(),
  amount: ZMoneyAmount.nullable(),
  actor: z.string().nullable(),
  reason: z.string().nullable(),
});
export type TTimelineItem = z.infer<typeof ZTimelineItem>;

export const ZTimelinePage = z.object({ items: z.array(ZTimelineItem), nextCursor: z.string().nullable() });
export type TTimelinePage = z.infer<typeof ZTimelinePage>;

export const ZTimelineQuery = z.object({ cursor: ZCursorParam, limit: ZLimitParam });

export const ZOpsAccount = z.object({
  account: z
    .object({
      id: z.string(),
      name: z.string(),
      legalName: z.string().nullable(),
      currency: z.string(),
      country: z.string(),
      locale: z.string(),
      customerType: z.string(),
      billingEmail: z.string().nullable(),
      externalId: z.string().nullable(),
    })
    // The rest of the vendor record, so "Edit account" starts from what is there (decision 026).
    .extend(
      ZVendorAccount.pick({
        region: true,
        addressLine1: true,
        addressLine2: true,
        city: true,
        postalCode: true,
        taxId: true,
      }).shape,
    ),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.string(),
      status: z.enum(['active', 'invited']),
      lastSignInAt: z.string().nullable(),
    }),
  ),
  subscriptions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      planName: z.string(),
      seats: z.number().int(),
      termStart: z.string(),
      termEnd: z.string(),
      status: z.string(),
      cancelled: z.boolean(),
      autoRenew: z.boolean(),
      annualValue: ZMoneyAmount,
      health: z.object({ score: z.number(), isAtRisk: z.boolean(), reasons: z.array(z.string()) }),
      /** The contract as a vendor record, so "Edit contract" starts from what is there (decision 026). */
      record: ZVendorSubscription.pick({
        externalId: true,
        planCode: true,
        unitPriceMinor: true,
        currency: true,
        autoRenewElsewhere: true,
      }),
    }),
  ),
});
export type TOpsAccount = z.infer<typeof ZOpsAccount>;

// ---- actions (each with a reason) ----

export const ZInviteContact = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(120),
  role: z.enum(['customer_admin', 'customer_member']),
  reason: ZReason,
});
export type TInviteContact = z.infer<typeof ZInviteContact>;

export const ZCancelByOps = z.object({ reason: ZReason });
export const ZStartViewAs = z.object({ reason: ZReason });

/** Create or edit an account or a contract: the vendor records (decision 018), applied with a reason. */
/** `accountId` / `subscriptionId`: editing one made in the portal, which takes the record's external id first. */
export const ZApplyAccountRecord = z.object({
  record: ZAccountRecord,
  reason: ZReason,
  accountId: z.string().max(80).optional(),
});
export const ZApplySubscriptionRecord = z.object({
  record: ZSubscriptionRecord,
  reason: ZReason,
  subscriptionId: z.string().max(80).optional(),
});
export type TApplyAccountRecord = z.input<typeof ZApplyAccountRecord>;
export type TApplySubscriptionRecord = z.input<typeof ZApplySubscriptionRecord>;

/** What a create or edit did: the record's result (refused: field errors keyed by the record's fields). */
export const ZApplyRecordResponse = z.object({ results: z.array(ZRecordResult) });

export const ZViewAs = z.object({ accountId: z.string(), accountName: z.string(), until: z.string() });
export type TViewAs = z.infer<typeof ZViewAs>;

// ---- the audit log ----

export const ZAuditLogQuery = z.object({
  actor: z.string().trim().max(200).optional(),
  accountId: z.string().trim().max(80).optional(),
  entityType: z.string().trim().max(60).optional(),
  action: z.string().trim().max(80).optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  cursor: ZCursorParam,
  limit: ZLimitParam,
});
export type TAuditLogQuery = z.input<typeof ZAuditLogQuery>;

export const ZAuditLogRow = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  accountId: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type TAuditLogRow = z.infer<typeof ZAuditLogRow>;

export const ZAuditLogPage = z.object({ rows: z.array(ZAuditLogRow), nextCursor: z.string().nullable() });
export type TAuditLogPage = z.infer<typeof ZAuditLogPage>;
