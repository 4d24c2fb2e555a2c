// CSV import in the ops UI (issue 13 item 4): the three kinds of file, their columns (each maps to a field of
// the vendor records in vendor-api.ts), and what the server answers about an import and its rows.

import { z } from 'zod';
import type { ZFieldError } from './vendor-api.ts';

export const IMPORT_KINDS = ['accounts', 'contacts', 'subscriptions'] as const;
export const ZImportKind = z.enum(IMPORT_KINDS);
export type TImportKind = z.infer<typeof ZImportKind>;

export type ImportColumn = {
  /** The CSV header (snake_case, as spreadsheets and ERPs export). */
  name: string;
  /** The record's field it fills. */
  field: string;
  type: 'text' | 'integer' | 'boolean';
  isRequired: boolean;
  /** The template's example cell. */
  example: string;
};

const col = (
  name: string,
  field: string,
  example: string,
  options: { type?: ImportColumn['type']; isRequired?: boolean } = {},
): ImportColumn => ({
  name,
  field,
  example,
  type: options.type ?? 'text',
  isRequired: options.isRequired ?? false,
});

/** The columns of each kind, in the template's order. Required columns must be in the header. */
export const IMPORT_COLUMNS: Record<TImportKind, readonly ImportColumn[]> = {
  accounts: [
    col('external_id', 'externalId', 'CRM-1001', { isRequired: true }),
    col('name', 'name', 'Northwind Traders', { isRequired: true }),
    col('legal_name', 'legalName', 'Northwind Traders GmbH'),
    col('customer_type', 'customerType', 'business'),
    col('currency', 'currency', 'EUR', { isRequired: true }),
    col('locale', 'locale', 'en'),
    col('country', 'country', 'DE', { isRequired: true }),
    col('region', 'region', ''),
    col('address_line1', 'addressLine1', 'Hauptstraße 1'),
    col('address_line2', 'addressLine2', ''),
    col('city', 'city', 'Berlin'),
    col('postal_code', 'postalCode', '10115'),
    col('tax_id', 'taxId', 'DE123456789'),
    col('billing_email', 'billingEmail', 'billing@northwind.example'),
  ],
  contacts: [
    col('account_external_id', 'accountExternalId', 'CRM-1001', { isRequired: true }),
    col('email', 'email', 'anna@northwind.example', { isRequired: true }),
    col('name', 'name', 'Anna Schmidt', { isRequired: true }),
    col('role', 'role', 'customer_admin'),
    col('invite', 'invite', 'false', { type: 'boolean' }),
  ],
  subscriptions: [
    col('external_id', 'externalId', 'CTR-5001', { isRequired: true }),
    col('account_external_id', 'accountExternalId', 'CRM-1001', { isRequired: true }),
    col('plan_code', 'planCode', 'professional', { isRequired: true }),
    col('label', 'label', 'Main contract'),
    col('seats', 'seats', '25', { type: 'integer', isRequired: true }),
    col('unit_price_minor', 'unitPriceMinor', '', { type: 'integer' }),
    col('term_start', 'termStart', '2026-01-01', { isRequired: true }),
    col('term_end', 'termEnd', '2027-01-01', { isRequired: true }),
    col('status', 'status', 'active'),
    col('auto_renew_elsewhere', 'autoRenewElsewhere', 'false', { type: 'boolean' }),
  ],
};

/** Largest file accepted (a 100,000-row file is about 15 MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 250_000;

export const IMPORT_STATES = [
  /** Rows stored; the dry run is working through them. */
  'checking',
  /** Dry run done: waiting for ops to apply (or not). */
  'checked',
  /** Apply queued or working, chunk by chunk (resumes after a restart). */
  'applying',
  'applied',
  /** Stopped by an error (the message says which). */
  'failed',
] as const;
export type TImportState = (typeof IMPORT_STATES)[number];

export const OUTCOMES = ['created', 'updated', 'unchanged', 'refused'] as const;
export const ZOutcome = z.enum(OUTCOMES);
export type TOutcome = z.infer<typeof ZOutcome>;
export type TOutcomeCounts = Record<TOutcome, number>;

export type TImport = {
  id: string;
  kind: TImportKind;
  fileName: string;
  state: TImportState;
  createdBy: string;
  createdAt: string;
  appliedBy: string | null;
  appliedAt: string | null;
  finishedAt: string | null;
  totalRows: number;
  /** Rows through the dry run so far. */
  checkedRows: number;
  /** Rows through the apply so far. */
  appliedRows: number;
  /** What the dry run says would happen. */
  dryRun: TOutcomeCounts;
  /** What the apply did (so far). */
  result: TOutcomeCounts;
  error: string | null;
};

export type TImportRow = {
  row: number;
  key: string | null;
  dryOutcome: TOutcome | null;
  outcome: TOutcome | null;
  errors: z.infer<typeof ZFieldError>[];
};

export const ZImportUploadQuery = z.object({
  kind: ZImportKind,
  fileName: z.string().trim().min(1).max(200).default('import.csv'),
});

export const ZImportRowsQuery = z.object({
  /** Only rows with this outcome (in the dry run, or after the apply once applied). */
  outcome: ZOutcome.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
