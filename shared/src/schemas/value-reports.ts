// Value reports, usage ingestion, the metric catalog, health and the ops renewal pipeline: request and reply
// shapes shared by the server, the web app and the tests.

import { z } from 'zod';
import { ZCalendarDate, ZLocale, ZMoney } from './common.ts';
import { ZSubscriptionStatus } from './subscriptions.ts';

/** Most records one ingestion request may carry. */
export const MAX_USAGE_BATCH = 5_000;

export const METRIC_AGGREGATIONS = ['sum', 'average', 'peak', 'last'] as const;
export const ZMetricAggregation = z.enum(METRIC_AGGREGATIONS);
export type TMetricAggregation = z.infer<typeof ZMetricAggregation>;

export const METRIC_UNITS = ['users', 'count', 'records', 'hours'] as const;
export const ZMetricUnit = z.enum(METRIC_UNITS);
export type TMetricUnit = z.infer<typeof ZMetricUnit>;

/** The core modules a plan can include (plans.core_modules); each is measured by the metric `module_<code>`. */
export const CORE_MODULES = ['workflows', 'reports', 'automations', 'integrations', 'audit', 'sso'] as const;
export const moduleMetricCode = (module: string) => `module_${module}`;

export const ZMetricCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{1,47}$/,
    'Use 2–48 lower-case letters, digits or underscores, starting with a letter',
  );

export const ZMetric = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  unit: ZMetricUnit,
  aggregation: ZMetricAggregation,
  /** Minutes of work one unit saves (e.g. 6 per automation run); feeds the ROI estimate. */
  valuePerUnitMinutes: z.number().nullable(),
  /** The core module whose adoption this metric measures, if any. */
  module: z.string().nullable(),
  isBuiltIn: z.boolean(),
  createdAt: z.string(),
});
export type TMetric = z.infer<typeof ZMetric>;

export const ZCreateMetricRequest = z.object({
  code: ZMetricCode,
  name: z.string().trim().min(1, 'Enter a name').max(80),
  description: z.string().trim().max(300).default(''),
  unit: ZMetricUnit,
  aggregation: ZMetricAggregation,
  valuePerUnitMinutes: z.number().min(0).max(10_000).nullable().default(null),
  module: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, 'Use lower-case letters, digits or underscores')
    .nullable()
    .default(null),
});
export type TCreateMetricRequest = z.input<typeof ZCreateMetricRequest>;

// ---- ingestion -------------------------------------------------------------------------------------------

/**
 * One day of one metric for one subscription. Field checks only: which subscriptions and metrics exist,
 * future dates and duplicates within a batch are checked by the server against the whole batch.
 */
export const ZUsageRecord = z.object({
  subscriptionId: z
    .string({ error: 'Expected a subscription id' })
    .min(1, 'Expected a subscription id')
    .max(64),
  metric: z.string({ error: 'Expected a metric code' }).min(1, 'Expected a metric code').max(64),
  date: z.string({ error: 'Expected a date as YYYY-MM-DD' }).pipe(ZCalendarDate),
  value: z.number({ error: 'Expected a number' }).min(0, 'Must not be negative').max(1e12, 'Too large'),
});
export type TUsageRecord = z.infer<typeof ZUsageRecord>;

/** The envelope only; the rows are checked one by one so that every bad row is reported by its index. */
export const ZUsageBatchEnvelope = z.object({
  records: z
    .array(z.unknown(), { error: 'Expected an array of records' })
    .min(1, 'Send at least one record')
    .max(MAX_USAGE_BATCH, `Send at most ${MAX_USAGE_BATCH} records per request`),
});

export const ZUsageIngestResult = z.object({
  /** Records in the request. */
  received: z.number().int(),
  /** Distinct (subscription, metric, date) rows inserted or updated (identical duplicates count once). */
  upserted: z.number().int(),
});
export type TUsageIngestResult = z.infer<typeof ZUsageIngestResult>;

// ---- value report --------------------------------------------------------------------------------------

export const ZValueReportQuery = z.object({ term: z.enum(['current', 'previous']).default('current') });
export type TValueReportTerm = z.infer<typeof ZValueReportQuery>['term'];

/** The PDF: the term and the reader's language (the account user's own by default). */
export const ZValueReportPdfQuery = ZValueReportQuery.extend({ lang: ZLocale.optional() });

export const ZMetricTotal = z.object({
  metric: z.string(),
  name: z.string(),
  unit: ZMetricUnit,
  aggregation: ZMetricAggregation,
  /** The term so far, aggregated the metric's way (sum, average, peak or last). */
  value: z.number().nullable(),
  /** The same span of the term before (same number of days from its start), for a like-for-like change. */
  previousValue: z.number().nullable(),
  /** Whole percent; null when there is nothing to compare with. */
  changePct: z.number().nullable(),
});
export type TMetricTotal = z.infer<typeof ZMetricTotal>;

export const ZModuleAdoption = z.object({
  module: z.string(),
  metric: z.string(),
  /** Average daily users of the module. */
  averageUsers: z.number().nullable(),
  /** Average module users against average active users, percent with one decimal. */
  adoptionPct: z.number().nullable(),
  isAdopted: z.boolean(),
});
export type TModuleAdoption = z.infer<typeof ZModuleAdoption>;

export const ZMonthlyPoint = z.object({
  /** 'YYYY-MM'; the first and last months of a term may be partial. */
  month: z.string(),
  days: z.number().int(),
  activeUsersAverage: z.number().nullable(),
  activeUsersPeak: z.number().nullable(),
  /** Each metric aggregated its own way over the month. */
  metrics: z.record(z.string(), z.number()),
});
export type TMonthlyPoint = z.infer<typeof ZMonthlyPoint>;

export const HIGHLIGHT_KINDS = [
  'automations',
  'seat_utilisation',
  'module_adoption',
  'support',
  'records',
  'roi',
] as const;
export const ZHighlight = z.object({
  kind: z.enum(HIGHLIGHT_KINDS),
  /** Numbers (and module codes) the web app puts into the translated sentence of this kind. */
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null(), z.array(z.string())])),
});
export type THighlight = z.infer<typeof ZHighlight>;

export const ZRoiEstimate = z.object({
  estimatedValue: ZMoney,
  /** The contract price of the whole term (seats × price per seat per year × years). */
  pricePaid: ZMoney,
  /** The price pro-rated to the days covered by the report (equal to pricePaid once a term is complete). */
  pricePaidForPeriod: ZMoney,
  /** estimatedValue / pricePaidForPeriod, two decimals; null without a price. */
  ratio: z.number().nullable(),
  hoursSaved: z.number(),
  assumptions: z.object({
    hourlyCost: ZMoney,
    perMetric: z.array(
      z.object({ metric: z.string(), name: z.string(), minutesPerUnit: z.number(), units: z.number() }),
    ),
    /** 'contract': this term's seats and price; 'current_contract': a past term valued at today's contract. */
    priceBasis: z.enum(['contract', 'current_contract']),
  }),
});
export type TRoiEstimate = z.infer<typeof ZRoiEstimate>;

export const ZValueReport = z.object({
  subscription: z.object({
    id: z.string(),
    label: z.string(),
    planName: z.string(),
    seats: z.number().int(),
    currency: z.string(),
  }),
  term: z.enum(['current', 'previous']),
  period: z.object({
    start: ZCalendarDate,
    /** Exclusive. */
    end: ZCalendarDate,
    /** Exclusive end of the data the report covers: the term's end, or today for a term in progress. */
    coveredUntil: ZCalendarDate,
    daysCovered: z.number().int(),
    daysTotal: z.number().int(),
    isComplete: z.boolean(),
  }),
  comparisonPeriod: z.object({ start: ZCalendarDate, end: ZCalendarDate }).nullable(),
  /** Whether the subscription has a term before its current one (what `?term=previous` shows). */
  hasPreviousTerm: z.boolean(),
  hasData: z.boolean(),
  seatUtilisation: z.object({
    seats: z.number().int(),
    averageActiveUsers: z.number().nullable(),
    peakActiveUsers: z.number().nullable(),
    averagePct: z.number().nullable(),
    peakPct: z.number().nullable(),
    previousAveragePct: z.number().nullable(),
  }),
  modules: z.array(ZModuleAdoption),
  totals: z.array(ZMetricTotal),
  monthly: z.array(ZMonthlyPoint),
  roi: ZRoiEstimate.nullable(),
  highlights: z.array(ZHighlight),
});
export type TValueReport = z.infer<typeof ZValueReport>;

// ---- health and pipeline -------------------------------------------------------------------------------

export const HEALTH_FACTORS = ['usage_trend', 'seat_utilisation', 'recency', 'support_load'] as const;
export const ZHealthFactor = z.object({
  factor: z.enum(HEALTH_FACTORS),
  points: z.number(),
  maxPoints: z.number(),
  /** Measured value: ratio, percent, days or tickets per 100 seats; null when there is no data. */
  value: z.number().nullable(),
  effect: z.enum(['positive', 'neutral', 'negative']),
});
export type THealthFactor = z.infer<typeof ZHealthFactor>;

export const RISK_REASONS = [
  'usage_falling',
  /** The customer told us why they may leave (turning auto-renew off or letting the renewal lapse). */
  'churn_feedback',
  'low_seat_utilisation',
  'inactive',
  'high_support_load',
  'support_backlog',
  'no_usage_data',
  'low_health',
] as const;
export const ZRiskReason = z.enum(RISK_REASONS);
export type TRiskReason = z.infer<typeof ZRiskReason>;

export const ZHealth = z.object({
  score: z.number().int().min(0).max(100),
  isAtRisk: z.boolean(),
  riskReasons: z.array(ZRiskReason),
  factors: z.array(ZHealthFactor),
});
export type THealth = z.infer<typeof ZHealth>;

export const PIPELINE_WINDOWS = ['30', '60', '90', 'grace', 'all'] as const;
export const PIPELINE_SORTS = [
  'termEnd',
  '-termEnd',
  'health',
  '-health',
  'annualValue',
  '-annualValue',
  'account',
  '-account',
] as const;

export const ZPipelineQuery = z.object({
  /** Ending in the next 30/60/90 days, in grace, or 'all' (the next 90 days and grace). */
  window: z.enum(PIPELINE_WINDOWS).default('all'),
  sort: z.enum(PIPELINE_SORTS).default('termEnd'),
  q: z.string().trim().max(100).optional(),
  risk: z.enum(['all', 'at_risk']).default('all'),
});
export type TPipelineQuery = z.input<typeof ZPipelineQuery>;

export const ZPipelineRow = z.object({
  accountId: z.string(),
  accountName: z.string(),
  subscriptionId: z.string(),
  subscriptionLabel: z.string(),
  planName: z.string(),
  termEnd: ZCalendarDate,
  lastDay: ZCalendarDate,
  daysLeft: z.number().int(),
  status: ZSubscriptionStatus,
  annualValue: ZMoney,
  health: ZHealth,
  autoRenew: z.boolean(),
  /** The last renewal notice e-mailed; null until the notice schedule (issue 6) records them. */
  lastNoticeSentAt: z.string().nullable(),
});
export type TPipelineRow = z.infer<typeof ZPipelineRow>;

export const ZPipeline = z.object({
  today: ZCalendarDate,
  rows: z.array(ZPipelineRow),
});
export type TPipeline = z.infer<typeof ZPipeline>;

export const ZValueSettings = z.object({
  /** Cost of one hour of a customer's staff time, per currency, in minor units: the ROI assumption. */
  hourlyCostMinor: z.record(
    z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code'),
    z.number().int().min(0).max(100_000_000),
  ),
});
export type TValueSettings = z.infer<typeof ZValueSettings>;
