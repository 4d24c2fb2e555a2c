// Kysely's view of the tables. Booleans are 0/1 integers and timestamps ISO-8601 UTC strings, so the same
// types hold on SQLite and PostgreSQL. Each migration that adds a table adds its type here.

import type { Generated } from 'kysely';

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
  created_at: string;
  updated_at: string;
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
};

export type AuthTokenTable = {
  /** SHA-256 of the token sent by e-mail, hex. */
  id: string;
  kind: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
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
};

export type EmailOutboxTable = {
  id: string;
  account_id: string | null;
  to_address: string;
  template: string;
  locale: string;
  subject: string;
  text_body: string;
  html_body: string;
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
  plans: PlanTable;
  plan_prices: PlanPriceTable;
  subscriptions: SubscriptionTable;
  subscription_events: SubscriptionEventTable;
  audit_events: AuditEventTable;
  email_outbox: EmailOutboxTable;
  app_settings: AppSettingTable;
  metrics: MetricTable;
  usage_daily: UsageDailyTable;
  api_keys: ApiKeyTable;
  pricing_rule_versions: PricingRuleVersionTable;
  plan_price_history: PlanPriceHistoryTable;
  quote_number_counters: QuoteNumberCounterTable;
  quotes: QuoteTable;
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
