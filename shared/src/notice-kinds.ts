// The kinds of notice before an automatic renewal charge and the shape of a jurisdiction's policy: the
// vocabulary both notice-policy.ts (the schedule) and notice-obligations.ts (what is owed) are written in.

export const NOTICE_KINDS = ['advance', 'final', 'annual_reminder', 'price_change'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type NoticePolicy = {
  id: string;
  label: string;
  /** ISO 3166-1 country, and optionally the ISO 3166-2 subdivision code without the country prefix. */
  match: { country: string; region?: string } | 'default';
  /**
   * The first notice before the charge: the preferred distance, and the legal window it must fall in, in days
   * or in calendar months where the law says months (`daysBefore` and `window` are then months).
   */
  advance: { daysBefore: number; window: [min: number, max: number]; unit?: 'days' | 'months' };
  /** A last notice shortly before the charge (null: none). */
  finalDaysBefore: number | null;
  /** Only for terms of at least this many years does the first notice apply (California: a year or more). */
  advanceMinTermYears?: number;
  /** Remind once a year during terms longer than a year (California). */
  annualReminder: boolean;
  /** Notice of a price change, preferred day and window, when the renewal costs more than the current term. */
  priceChange: { daysBefore: number; window: [min: number, max: number]; unit?: 'days' | 'months' } | null;
  /** Free text shown to ops: where the rule comes from. */
  source: string;
};
