// Kysely's view of the tables. Booleans are 0/1 integers and timestamps ISO-8601 UTC strings, so the same
// types hold on SQLite and PostgreSQL. Each migration that adds a table adds its type here.

import type { ColumnType, Generated } from 'kysely';

export type AccountTable = {
  id: string;
  name: string;
  currency: string;
  locale: string;
  /** ISO 3166-1 alpha-2 of the billing address; with `region`, decides the notice policy (issue 6). */
  country: string;
  /** ISO 3166-2 subdivision without the country prefix, e.g. 'CA' for California. */
  region: string | null;
  legal_name: string | null;
  billing_email: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  postal_code: string | null;
  tax_id: string | null;
  stripe_customer_id: string | null;
  default_payment_method_id: string | null;
  reminders_muted: Generated<number>;
  /** 'business' | 'consumer' (0007): consumer rights apply to consumers (decision 009). */
  customer_type: Generated<string>;
  created_at: string;
  updated_at: string;
  /** The vendor's own id (0016-vendor-api), unique when set. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
};

export type UserTable = {
  id: string;
  /** Null for vendor staff (finance, ops). */
  account_id: string | null;
  email: string;
  name: string;
  role: string;
  locale: string;
  password_hash: string | null;
  /** 'active' or 'invited' (has not set a password yet). */
  status: string;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
};

export type SessionTable = {
  /** SHA-256 of the token in the cookie, hex; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
  ip: string | null;
  user_agent: string | null;
  /** 0020: an ops session viewing this account read-only as its customers see it (decision 021). */
  view_as_account_id: ColumnType<string | null, string | null | undefined, string | null>;
  view_as_until: ColumnType<string | null, string | null | undefined, string | null>;
};

export type AuthTokenTable = {
  /** SHA-256 of the token sent by e-mail, hex. */
  id: string;
  kind: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
  /** The same lifetime in real time: a token is valid only while both are in the future (demo clock moves). */
  wall_expires_at: string | null;
};

/** A pending invitation to an account: a user exists only once the invitee accepts with a fresh sign-up. */
export type InvitationTable = {
  id: string;
  account_id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  /** SHA-256 of the token sent by e-mail, hex. */
  token_hash: string;
  expires_at: string;
  wall_expires_at: string;
  invited_by: string | null;
  created_at: string;
  /** When the e-mail went out (0016-vendor-api); null: a contact loaded by the vendor, not invited yet. */
  sent_at: ColumnType<string | null, string | null | undefined, string | null>;
};

export type AuthFailureTable = {
  id: Generated<number>;
  /** 'email:<address>' or 'ip:<address>'. */
  key: string;
  at: string;
};

export type PlanTable = {
  id: string;
  code: string;
  name: string;
  tier_rank: number;
  description: string;
  min_seats: number;
  max_seats: number;
  /** JSON array of module codes the value report measures adoption of. */
  core_modules: string;
  /** JSON array of feature keys shown when comparing plans. */
  features: string;
  is_active: Generated<number>;
  created_at: string;
  updated_at: string;
};

export type PlanPriceTable = {
  plan_id: string;
  currency: string;
  /** Per seat per year, in minor units. */
  unit_amount_minor: number;
  updated_at: string;
};

export type SubscriptionTable = {
  id: string;
  account_id: string;
  plan_id: string;
  /** What the customer calls it, e.g. 'Sales workspace'. */
  label: string;
  seats: number;
  currency: string;
  /** Per seat per year as contracted for the current term, minor units. */
  unit_price_minor: number;
  term_start: string;
  /** Exclusive. */
  term_end: string;
  cancelled_at: string | null;
  auto_renew_enabled: Generated<number>;
  auto_renew_term_years: number | null;
  created_at: string;
  updated_at: string;
  /** The vendor's own id (0016-vendor-api), unique when set. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: renewed automatically in the vendor's old system; the portal asks for consent (never assumed). */
  auto_renew_elsewhere: Generated<number>;
};

export type SubscriptionEventTable = {
  id: string;
  subscription_id: string;
  type: string;
  at: string;
  actor_user_id: string | null;
  actor_label: string | null;
  /** JSON object with the event's details. */
  data: string;
};

export type AuditEventTable = {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  account_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  /** 0020: the reason ops typed for an action on a customer's behalf. */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
};

export type EmailOutboxTable = {
  id: string;
  account_id: string | null;
  to_address: string;
  template: string;
  locale: string;
  subject: string;
  /** What staff may read (the ops mailbox): sign-in and invitation links are replaced by a note. */
  text_body: string;
  html_body: string;
  /** The link-bearing copy, only while it waits to be sent by SMTP; cleared once sent or given up. */
  private_text_body: string | null;
  private_html_body: string | null;
  /** 'pending' (to deliver by SMTP), 'captured' (no SMTP: kept for the ops mailbox), 'sent', 'failed'. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  /** Unique when set, so that a retried job cannot enqueue the same e-mail twice. */
  dedupe_key: string | null;
  created_at: string;
  sent_at: string | null;
};

export type AppSettingTable = {
  key: string;
  value_json: string;
  updated_at: string;
};

export type Database = {
  accounts: AccountTable;
  users: UserTable;
  sessions: SessionTable;
  auth_tokens: AuthTokenTable;
  auth_failures: AuthFailureTable;
  invitations: InvitationTable;
  plans: PlanTable;
  plan_prices: PlanPriceTable;
  subscriptions: SubscriptionTable;
  subscription_events: SubscriptionEventTable;
  audit_events: AuditEventTable;
  email_outbox: EmailOutboxTable;
  app_settings: AppSettingTable;
  metrics: MetricTable;
  usage_daily: UsageDailyTable;
  usage_monthly: UsageMonthlyTable;
  api_keys: ApiKeyTable;
  pricing_rule_versions: PricingRuleVersionTable;
  plan_price_history: PlanPriceHistoryTable;
  quote_number_counters: QuoteNumberCounterTable;
  quotes: QuoteTable;
  stripe_events: StripeEventTable;
  checkout_sessions: CheckoutSessionTable;
  payments: PaymentTable;
  refunds: RefundTable;
  disputes: DisputeTable;
  document_number_counters: DocumentNumberCounterTable;
  invoices: InvoiceTable;
  credit_notes: CreditNoteTable;
  fulfilments: FulfilmentTable;
  job_runs: JobRunTable;
  job_ledger: JobLedgerTable;
  job_leases: JobLeaseTable;
  job_queue: JobQueueTable;
  stripe_rate_budgets: StripeRateBudgetTable;
  auto_renewals: AutoRenewalTable;
  renewal_notices: RenewalNoticeTable;
  auto_renew_consents: AutoRenewConsentTable;
  payment_method_cards: PaymentMethodCardTable;
  stripe_balance_transactions: StripeBalanceTransactionTable;
  stripe_payouts: StripePayoutTable;
  finance_sync_streams: FinanceSyncStreamTable;
  finance_recon_runs: FinanceReconRunTable;
  finance_recon_lines: FinanceReconLineTable;
  finance_recon_payouts: FinanceReconPayoutTable;
  finance_exceptions: FinanceExceptionTable;
  quote_procurement: QuoteProcurementTable;
  churn_feedback: ChurnFeedbackTable;
  save_offers: SaveOfferTable;
  payable_attempts: PayableAttemptTable;
  subscription_scheduled_terms: ScheduledTermTable;
  contract_cancellations: ContractCancellationTable;
  events: EventTable;
  imports: ImportTable;
  import_rows: ImportRowTable;
  event_feed: EventFeedTable;
  event_sequencer: EventSequencerTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  subscription_expiries: SubscriptionExpiryTable;
  rate_limit_counters: RateLimitCounterTable;
  usage_stamps: UsageStampTable;
  renewal_lapses: RenewalLapseTable;
};

// ---- value reports (0002) ----

export type MetricTable = {
  code: string;
  name: string;
  description: Generated<string>;
  /** 'users' | 'count' | 'records' | 'hours'. */
  unit: string;
  /** How a period's days combine: 'sum' | 'average' | 'peak' | 'last'. */
  aggregation: string;
  /** Minutes of work one unit saves, for the ROI estimate. */
  value_per_unit_minutes: number | null;
  /** The core module (plans.core_modules) whose adoption this metric measures. */
  module: string | null;
  is_builtin: Generated<number>;
  created_at: string;
};

export type UsageDailyTable = {
  subscription_id: string;
  metric: string;
  /** YYYY-MM-DD; the primary key is (subscription_id, metric, date). */
  date: string;
  value: number;
};

/** usage_daily folded per calendar month, written with it at ingestion (0013-perf-usage-monthly). */
export type UsageMonthlyTable = {
  subscription_id: string;
  metric: string;
  /** YYYY-MM; the primary key is (subscription_id, metric, month). */
  month: string;
  days: number;
  value_sum: number;
  value_max: number;
  /** The last day of the month with a value, and that value. */
  last_date: string;
  last_value: number;
};

export type ApiKeyTable = {
  id: string;
  name: string;
  /** SHA-256 of the key, hex. */
  key_hash: string;
  /** The first characters of the key, to recognise it in the list. */
  prefix: string;
  created_at: string;
  created_by_user_id: string | null;
  created_by_label: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by_label: string | null;
  /** JSON array of scopes (0016-vendor-api); older keys: ["usage:write"]. */
  scopes: Generated<string>;
};

// ---- offers and quotes (0003) ----

export type PricingRuleVersionTable = {
  version: number;
  /** The rules as published (shared/src/schemas/offers.ts ZPricingRules). */
  rules_json: string;
  note: Generated<string>;
  published_at: string;
  published_by_user_id: string | null;
  published_by_label: string;
};

export type PlanPriceHistoryTable = {
  id: string;
  plan_id: string;
  currency: string;
  /** The new per-seat yearly price, minor units. */
  unit_amount_minor: number;
  /** Null when the plan had no price in this currency before. */
  previous_amount_minor: number | null;
  effective_at: string;
  changed_by_user_id: string | null;
  changed_by_label: string;
};

export type QuoteNumberCounterTable = {
  year: number;
  last_number: number;
};

export type QuoteTable = {
  id: string;
  /** 'Q-2026-000001', gapless per year. */
  number: string;
  account_id: string;
  subscription_id: string;
  /** The offer key it froze, e.g. 'renew:professional:3y:45'. */
  offer_id: string;
  /** 'renew' | 'upgrade' | 'seats'. */
  kind: string;
  /** 'open' | 'superseded' | 'paid' (expiry is derived from expires_at). */
  status: string;
  plan_id: string;
  plan_code: string;
  plan_name: string;
  plan_tier_rank: number;
  seats: number;
  /** Null for a seat change. */
  term_years: number | null;
  term_start: string;
  /** Exclusive. */
  term_end: string;
  currency: string;
  /** The frozen priced lines (ZPriceLine[]). */
  lines_json: string;
  list_minor: number;
  savings_minor: number;
  savings_basis_points: number;
  credit_minor: number;
  tax_minor: number;
  total_minor: number;
  price_per_year_minor: number | null;
  contract_unit_price_minor: number;
  rules_version: number;
  /** The subscription as it was when quoted; fulfilment refuses a quote whose basis has changed. */
  basis_plan_id: string;
  basis_plan_code: string;
  basis_plan_name: string;
  basis_seats: number;
  basis_term_start: string;
  basis_term_end: string;
  subscription_label: string;
  account_name: string;
  created_by_user_id: string | null;
  created_by_name: string;
  created_by_email: string;
  created_at: string;
  expires_at: string;
  superseded_at: string | null;
  superseded_by_quote_id: string | null;
  paid_at: string | null;
};

// ---- payments, invoices (0004) ----

export type StripeEventTable = {
  /** Stripe's event id: recorded before anything else, so a repeat is recognised. */
  id: string;
  type: string;
  object_id: string | null;
  livemode: number;
  stripe_created_at: string;
  received_at: string;
  /** 'received' | 'processed' | 'ignored' (type not on the allow-list) | 'failed' (Stripe will retry). */
  status: string;
  attempts: Generated<number>;
  processed_at: string | null;
  last_error: string | null;
  /** Why an event was acknowledged but not acted on (type not handled, object unknown, malformed). */
  ignored_reason: string | null;
};

export type CheckoutSessionTable = {
  /** Stripe's Checkout Session id. */
  id: string;
  quote_id: string;
  account_id: string;
  subscription_id: string;
  /** 1, 2, … per quote: part of the idempotency key, unique with the quote. */
  generation: number;
  renew_automatically: number;
  /** Stripe's: 'open' | 'complete' | 'expired'. */
  status: string;
  /** Stripe's: 'unpaid' | 'paid' | 'no_payment_required'. */
  payment_status: string;
  url: string | null;
  amount_minor: number;
  currency: string;
  stripe_customer_id: string;
  stripe_payment_intent_id: string | null;
  created_by_user_id: string | null;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
  updated_at: string;
  /** The auto-renew consent given by ticking "renew automatically" (0010c): a `CheckoutConsentFacts` JSON. */
  consent_json?: string | null;
};

export type PaymentTable = {
  id: string;
  account_id: string;
  subscription_id: string | null;
  quote_id: string | null;
  checkout_session_id: string | null;
  /** 'checkout' | 'auto_renew'. */
  source: string;
  stripe_customer_id: string | null;
  /** One payment per PaymentIntent. */
  stripe_payment_intent_id: string;
  stripe_charge_id: string | null;
  stripe_balance_transaction_id: string | null;
  stripe_payment_method_id: string | null;
  card_brand: string | null;
  card_last4: string | null;
  amount_minor: number;
  amount_refunded_minor: Generated<number>;
  /** From the balance transaction, which may arrive after the charge (charge.updated). */
  fee_minor: number | null;
  net_minor: number | null;
  /** ISO 4217, upper case. */
  currency: string;
  /** 'processing' | 'requires_action' | 'succeeded' | 'failed' | 'canceled'. */
  status: string;
  failure_code: string | null;
  failure_message: string | null;
  /** 'pending' | 'fulfilled' | 'rejected' (paid but not applicable: needs attention). */
  fulfilment_status: string;
  fulfilment_error: string | null;
  /** Why the automatic refund of a payment that could not be applied failed (0008); null otherwise. */
  unapplied_refund_error: ColumnType<string | null, string | null | undefined, string | null>;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
};

export type RefundTable = {
  /** Stripe's refund id. */
  id: string;
  payment_id: string;
  stripe_charge_id: string;
  amount_minor: number;
  currency: string;
  /** Stripe's: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'requires_action'. */
  status: string;
  reason: string | null;
  stripe_balance_transaction_id: string | null;
  stripe_created_at: string;
  created_at: string;
  updated_at: string;
};

export type DisputeTable = {
  /** Stripe's dispute id. */
  id: string;
  payment_id: string;
  stripe_charge_id: string;
  amount_minor: number;
  currency: string;
  /** Stripe's, e.g. 'needs_response', 'under_review', 'won', 'lost'. */
  status: string;
  reason: string;
  evidence_due_by: string | null;
  stripe_created_at: string;
  created_at: string;
  updated_at: string;
};

export type DocumentNumberCounterTable = {
  /** 'INV' | 'CN'. */
  series: string;
  year: number;
  last_number: number;
};

export type InvoiceTable = {
  id: string;
  /** 'INV-2026-000001', gapless per year. */
  number: string;
  account_id: string;
  subscription_id: string;
  subscription_label: string;
  quote_id: string | null;
  quote_number: string | null;
  payment_id: string;
  /** The language the invoice was issued in (the account's). */
  locale: string;
  currency: string;
  description: string;
  /** TInvoiceLine[] (shared/src/schemas/invoices.ts), worded when issued. */
  lines_json: string;
  subtotal_minor: number;
  /** Negative or zero. */
  discount_minor: number;
  /** Negative or zero. */
  credit_minor: number;
  tax_rate_bp: number;
  tax_label: string;
  tax_minor: number;
  total_minor: number;
  amount_paid_minor: number;
  seller_json: string;
  buyer_json: string;
  payment_json: string;
  service_start: string;
  /** Exclusive. */
  service_end: string;
  issue_date: string;
  issued_at: string;
};

export type CreditNoteTable = {
  id: string;
  /** 'CN-2026-000001', gapless per year. */
  number: string;
  invoice_id: string;
  account_id: string;
  /** One credit note per Stripe refund. */
  refund_id: string;
  amount_minor: number;
  currency: string;
  reason: string | null;
  issue_date: string;
  issued_at: string;
};

export type FulfilmentTable = {
  /** One fulfilment per quote. */
  quote_id: string;
  payment_id: string;
  account_id: string;
  subscription_id: string;
  /** 'renew' | 'upgrade' | 'seats'. */
  kind: string;
  invoice_id: string;
  before_json: string;
  after_json: string;
  fulfilled_at: string;
};

// ---- finance (0006) ----

/** A Stripe balance transaction as pulled by the finance sync (amounts in minor units, currency upper case). */
export type StripeBalanceTransactionTable = {
  id: string;
  /** Stripe's: 'charge' | 'payment' | 'refund' | 'adjustment' | 'payout' | 'stripe_fee' | … */
  type: string;
  reporting_category: string;
  amount_minor: number;
  fee_minor: number;
  net_minor: number;
  currency: string;
  /** 'pending' | 'available'. */
  status: string;
  description: string | null;
  /** The charge, refund, dispute or payout it records. */
  source_id: string | null;
  source_type: string | null;
  /** The charge the source belongs to (a refund's or dispute's charge), and its PaymentIntent. */
  charge_id: string | null;
  payment_intent_id: string | null;
  customer_id: string | null;
  /** `metadata.quote_id` of the charge, when the portal's checkout put one there. */
  quote_id: string | null;
  /** The automatic payout that paid it out (from `balance_transactions?payout=`). */
  payout_id: string | null;
  stripe_created_at: string;
  available_on: string;
  synced_at: string;
  /** Stripe's exchange rate when the charge's currency is not the settlement currency (0008), as a decimal. */
  exchange_rate: ColumnType<string | null, string | null | undefined, string | null>;
  /** The source charge's own amount and currency (0008), when the source is a charge. */
  source_amount_minor: ColumnType<number | null, number | null | undefined, number | null>;
  source_currency: ColumnType<string | null, string | null | undefined, string | null>;
};

export type StripePayoutTable = {
  id: string;
  amount_minor: number;
  currency: string;
  /** Stripe's: 'pending' | 'in_transit' | 'paid' | 'failed' | 'canceled'. */
  status: string;
  is_automatic: number;
  method: string;
  balance_transaction_id: string | null;
  failure_balance_transaction_id: string | null;
  failure_code: string | null;
  failure_message: string | null;
  stripe_created_at: string;
  arrival_at: string;
  /** Set once every balance transaction of the payout is linked to it; null while linking is due. */
  transactions_linked_at: string | null;
  /** Linking stopped after this balance transaction and resumes there. */
  link_resume_after: string | null;
  synced_at: string;
};

/** One incremental stream of the sync ('balance_transactions', 'payouts'): its `created` cursor and resume point. */
export type FinanceSyncStreamTable = {
  stream: string;
  /** Unix seconds: every object created up to here has been pulled. */
  cursor_created: number | null;
  /** The window a run is pulling (created between), kept until it completes so a crash resumes it. */
  window_gte: number | null;
  window_lte: number | null;
  /** The last object stored in the window (newest first), passed as `starting_after` on resume. */
  resume_after: string | null;
  last_completed_at: string | null;
  updated_at: string;
};

/** A lease, so that one sync or reconciliation runs at a time across processes. */
export type FinanceReconRunTable = {
  id: string;
  /** 'running' | 'completed' (the one readers see; at most one) | 'superseded' | 'failed'. */
  status: string;
  started_at: string;
  finished_at: string | null;
  horizon: string | null;
  transaction_count: Generated<number>;
  /** `{ [class]: count }`. */
  counts_json: string;
  fingerprint: string | null;
  /** The fingerprint of the run this one replaced: equal when the answer did not change. */
  previous_fingerprint: string | null;
  error: string | null;
};

export type FinanceReconLineTable = {
  run_id: string;
  line_no: number;
  /** shared/src/schemas/finance.ts RECON_CLASSES. */
  class: string;
  detail: string | null;
  /** 'transaction' | 'payment' | 'refund' | 'dispute'. */
  subject_type: string;
  subject_id: string;
  occurred_at: string;
  /** The Stripe charge the line is about (its own, or the refunded or disputed one). */
  charge_id: string | null;
  txn_id: string | null;
  txn_type: string | null;
  stripe_amount_minor: number | null;
  stripe_fee_minor: number | null;
  stripe_net_minor: number | null;
  stripe_currency: string | null;
  portal_amount_minor: number | null;
  portal_fee_minor: number | null;
  portal_currency: string | null;
  payment_id: string | null;
  refund_id: string | null;
  dispute_id: string | null;
  account_id: string | null;
  payout_id: string | null;
  related_payment_id: string | null;
};

export type FinanceReconPayoutTable = {
  run_id: string;
  payout_id: string;
  /** 'balanced' | 'unbalanced' | 'not_itemised' | 'pending'. */
  outcome: string;
  amount_minor: number;
  currency: string;
  transactions_net_minor: number | null;
  transaction_count: number;
  untraced_count: number;
};

export type FinanceExceptionTable = {
  id: string;
  /** Stable across runs: `<class>:<subject type>:<subject id>`. */
  key: string;
  class: string;
  detail: string | null;
  /** 'open' | 'resolved'. */
  status: string;
  /** 1 when the latest completed reconciliation still finds it. */
  is_current: number;
  subject_type: string;
  subject_id: string;
  occurred_at: string;
  txn_id: string | null;
  stripe_amount_minor: number | null;
  stripe_fee_minor: number | null;
  stripe_currency: string | null;
  portal_amount_minor: number | null;
  portal_fee_minor: number | null;
  portal_currency: string | null;
  charge_id: string | null;
  payment_id: string | null;
  refund_id: string | null;
  dispute_id: string | null;
  related_payment_id: string | null;
  payout_id: string | null;
  account_id: string | null;
  first_seen_at: string;
  last_seen_at: string;
  last_run_id: string;
  resolved_at: string | null;
  resolved_by_user_id: string | null;
  resolved_by_label: string | null;
  resolution_note: string | null;
  updated_at: string;
};

// ---- auto-renew and the renewal run (0005) ----

export type JobRunTable = {
  id: string;
  job: string;
  /** The calendar day the run worked for (the vendor's "today", or `--date`). */
  for_date: string;
  /** 'schedule' | 'ops' | 'script' | 'test'. */
  trigger: string;
  /** 'running' | 'succeeded' | 'failed'; a 'running' row whose heartbeat stopped was interrupted. */
  status: string;
  started_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  stats_json: Generated<string>;
  error: string | null;
};

export type JobLedgerTable = {
  /** What the action is, e.g. 'notice:<sub>:<termEnd>:<days>', 'charge:<sub>:<termEnd>'; unique. */
  key: string;
  job: string;
  run_id: string;
  /** 'claimed' (recorded, acting) | 'done'. A claim past its lease is resumed by the next run. */
  status: string;
  attempts: Generated<number>;
  claimed_at: string;
  lease_until: string;
  finished_at: string | null;
  outcome: string | null;
  detail_json: string | null;
};

export type AutoRenewalTable = {
  id: string;
  subscription_id: string;
  account_id: string;
  /** The end (exclusive) of the term this renews: the charge date. */
  term_end: string;
  /** The length of the new term. */
  term_years: number;
  policy_id: string;
  /** The quote the charge pays: priced when auto-renew was turned on, honoured if prices rise. */
  quote_id: string | null;
  /** The amount the admin agreed to; never charged more without a new notice. */
  honoured_total_minor: number | null;
  currency: string;
  /** TRenewalState (shared/src/schemas/auto-renew.ts). */
  state: string;
  attempts: Generated<number>;
  first_attempt_date: string | null;
  /** When the run next acts on it; null once closed. */
  due_date: string | null;
  deferred_until: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_payment_intent_id: string | null;
  payment_id: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** When the run next derives its notice obligations (0007; '0001-01-01': at the next run). */
  notice_check_date: string | null;
};

export type RenewalNoticeTable = {
  id: string;
  subscription_id: string;
  account_id: string;
  renewal_id: string | null;
  term_end: string;
  /** NoticeKind, 'consent' (the confirmation of the admin's consent) or 'reminder' (90/60/30, manual renewals). */
  kind: string;
  days_before: number;
  due_date: string;
  lead_days: Generated<number>;
  policy_id: string | null;
  is_required: number;
  /** 'scheduled' | 'sent' | 'skipped' | 'cancelled'. */
  status: string;
  amount_minor: number | null;
  currency: string | null;
  recipients: Generated<number>;
  sent_at: string | null;
  created_at: string;
  /** The notice's key (0007): the ledger key it was sent under, or `auto_renew_on:<consent>` for a consent. */
  notice_key: string;
  /** What the notice stated besides amount and currency (0007): a notice counts only for exactly this charge. */
  stated_charge_date: string | null;
  stated_term_years: number | null;
  stated_payment_method_id: string | null;
};

export type AutoRenewConsentTable = {
  id: string;
  subscription_id: string;
  account_id: string;
  /** 'enabled' | 'term_changed' | 'disabled'. */
  action: string;
  /** 'portal' | 'email_link' | 'checkout' | 'system'. */
  via: string;
  user_id: string | null;
  actor_label: string;
  term_years: number | null;
  amount_minor: number | null;
  currency: string | null;
  quote_id: string | null;
  /** The exact words the admin was shown and agreed to. */
  terms_text: string | null;
  terms_hash: string | null;
  locale: string | null;
  payment_method_id: string | null;
  ip: string | null;
  user_agent: string | null;
  at: string;
  /** The end of the term the consent was given in (0007): its amount is honoured for that renewal. */
  term_end: string | null;
};

export type PaymentMethodCardTable = {
  /** Stripe's PaymentMethod id. */
  id: string;
  account_id: string;
  brand: string;
  last4: string;
  exp_month: number | null;
  exp_year: number | null;
  created_at: string;
};

// ---- quote acceptance and churn reasons (0010) ----

export type QuoteProcurementTable = {
  quote_id: string;
  account_id: string;
  purchase_order: string | null;
  purchase_order_updated_at: string | null;
  accepted_at: string | null;
  accepted_by_user_id: string | null;
  accepted_by_email: string | null;
  accepted_name: string | null;
  accepted_title: string | null;
  accepted_ip: string | null;
  accepted_user_agent: string | null;
  /** The accepted document's facts as canonical JSON; `document_sha256` is the SHA-256 of exactly that text. */
  document_json: string | null;
  document_sha256: string | null;
};

export type ChurnFeedbackTable = {
  id: string;
  account_id: string;
  subscription_id: string;
  /** 'auto_renew_off' | 'lapse'. */
  context: string;
  reason: string;
  comment: string | null;
  user_id: string;
  offer_kind: string | null;
  /** 'shown' | 'accepted' | 'declined' when a save offer was shown. */
  offer_outcome: string | null;
  quote_id: string | null;
  created_at: string;
};

export type SaveOfferTable = {
  reason: string;
  /** 'discount' | 'downgrade'. */
  kind: string;
  discount_bp: number | null;
  is_active: number;
  updated_by: string;
  updated_at: string;
};
// ---- one payable attempt per subscription-term (0008) ----

export type PayableAttemptTable = {
  id: string;
  subscription_id: string;
  account_id: string;
  /** The term the money is for: the end of the term its quote was priced against. */
  term_end: string;
  /** 'checkout' | 'off_session'. */
  kind: string;
  quote_id: string;
  /** 'opening' | 'open' | 'closed'; at most one not closed per (subscription_id, term_end). */
  state: string;
  /** The Stripe idempotency key of the one request this attempt makes. */
  idempotency_key: string;
  request_hash: string;
  request_json: string | null;
  checkout_session_id: string | null;
  payment_intent_id: string | null;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  close_reason: string | null;
};

/** A term paid for ahead of its start (0008b): it becomes the running contract on `term_start`. */
export type ScheduledTermTable = {
  subscription_id: string;
  term_start: string;
  term_end: string;
  plan_id: string;
  seats: number;
  unit_price_minor: number;
  quote_id: string | null;
  payment_id: string | null;
  created_at: string;
};

// ---- jobs platform: leases, the in-process queue, the Stripe rate budget (0012) ----

export type JobLeaseTable = {
  name: string;
  owner: string;
  /** Real time (epoch ms), never the demo clock. */
  expires_at_ms: number;
};

export type JobQueueTable = {
  id: string;
  name: string;
  singleton_key: string | null;
  payload_json: string;
  /** 'queued' | 'running' | 'done' | 'failed'. */
  state: string;
  run_after_ms: number;
  attempts: Generated<number>;
  locked_by: string | null;
  locked_until_ms: number | null;
  created_at: string;
  finished_at: string | null;
  error: string | null;
};

export type StripeRateBudgetTable = {
  /** The Stripe account the budget is for (a digest of its key; 'emulator' for the emulator). */
  account: string;
  tokens: number;
  refilled_at_ms: number;
  paused_until_ms: Generated<number>;
  version: Generated<number>;
};

// ---- consumer cancellations (0014) ----

/** A consumer's contract ended early under a legal right (decision 017); one per subscription. */
export type ContractCancellationTable = {
  id: string;
  subscription_id: string;
  account_id: string;
  /** 'de_one_month_notice' | 'fr_notice_not_sent'. */
  right: string;
  previous_term_end: string;
  /** The first day without service. */
  ends_on: string;
  refund_minor: number;
  currency: string;
  /** [{ paymentId, amountMinor }]. */
  refunds_json: string;
  /** 'refunding' | 'refunded' | 'refund_failed'. */
  state: string;
  refund_error: string | null;
  requested_by_user_id: string | null;
  requested_by_label: string;
  ip: string | null;
  user_agent: string | null;
  requested_at: string;
  updated_at: string;
};

/** 0015: the append-only event log (platform/events). */
export type EventTable = {
  seq: Generated<number>;
  id: string;
  type: string;
  account_id: string | null;
  subject_type: string;
  subject_id: string;
  occurred_at: string;
  data_json: string;
};

/** 0018: CSV imports (features/imports). */
export type ImportTable = {
  id: string;
  kind: string;
  file_name: string;
  file_bytes: number;
  state: string;
  created_by_user_id: string | null;
  created_by_label: string;
  created_at: string;
  applied_by_user_id: string | null;
  applied_by_label: string | null;
  applied_at: string | null;
  finished_at: string | null;
  updated_at: string;
  total_rows: number;
  checked_rows: Generated<number>;
  applied_rows: Generated<number>;
  dry_created: Generated<number>;
  dry_updated: Generated<number>;
  dry_unchanged: Generated<number>;
  dry_refused: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  refused: Generated<number>;
  error: string | null;
};

export type ImportRowTable = {
  import_id: string;
  row_number: number;
  record_key: string | null;
  record_json: string | null;
  cells_json: string;
  dry_outcome: string | null;
  outcome: string | null;
  errors_json: Generated<string>;
};

/** 0017: the feed's commit order, webhook endpoints, deliveries and attempts (features/webhooks). */
export type EventFeedTable = {
  position: number;
  event_seq: number;
  event_id: string;
  positioned_at: string;
};

export type EventSequencerTable = {
  id: string;
  scan_from_seq: number;
  candidate_seq: number;
  candidate_at_ms: number;
};

export type WebhookEndpointTable = {
  id: string;
  url: string;
  description: string;
  event_types_json: string;
  enabled: number;
  disabled_reason: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  failing_since: string | null;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
};

export type WebhookDeliveryTable = {
  id: string;
  endpoint_id: string;
  event_id: string | null;
  message_id: string;
  event_type: string;
  payload_json: string;
  trigger: string;
  state: string;
  attempt_count: number;
  next_attempt_at: string | null;
  lease_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  completed_at: string | null;
};

export type WebhookAttemptTable = {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  ok: number;
  response_excerpt: string | null;
  error: string | null;
};

export type SubscriptionExpiryTable = {
  subscription_id: string;
  term_end: string;
  event_id: string;
};

/** 0021: the usage API's request counters, shared by every instance (platform/http/rate-limit.ts). */
export type RateLimitCounterTable = {
  key: string;
  /** Start of the key's current fixed window, epoch milliseconds (real time, not the demo clock). */
  window_start_ms: number;
  count: number;
};

/** 0019: a customer admin's decision to let a subscription-term's renewal lapse (decision 024). */
export type RenewalLapseTable = {
  id: string;
  subscription_id: string;
  account_id: string;
  term_end: string;
  /** 'declined' (standing while term_end is the running term's) | 'undone' | 'cleared'. */
  state: string;
  feedback_id: string | null;
  turned_off_auto_renew: Generated<number>;
  decided_by_user_id: string | null;
  decided_by_label: string;
  decided_at: string;
  ended_by_label: string | null;
  ended_at: string | null;
};

/** A random stamp per subscription, new at every ingestion of its usage (0026-perf-usage-stamps, decision 027). */
export type UsageStampTable = {
  subscription_id: string;
  stamp: string;
};
