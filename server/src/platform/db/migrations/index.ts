// Every migration, in order. Listed statically (not read from the file system) so they run the same from
// source, from tests and from a bundle. Add new ones at the end; never edit one that has shipped.

import type { Migration } from 'kysely';
import * as core from './0001-core.ts';
import * as valueReports from './0002-value-reports.ts';
import * as offers from './0003-offers.ts';
import * as payments from './0004-payments.ts';
import * as autoRenew from './0005-auto-renew.ts';
import * as finance from './0006-finance.ts';
import * as noticeObligations from './0007-notice-obligations.ts';
import * as payableAttempts from './0008-payable-attempts.ts';
import * as scheduledTerms from './0008b-scheduled-terms.ts';
import * as security from './0009-security.ts';
import * as quoteAcceptanceAndChurn from './0010-quote-acceptance-and-churn.ts';
import * as checkoutConsent from './0010c-checkout-consent.ts';
import * as postgresInsertionOrder from './0011-postgres-insertion-order.ts';
import * as jobsPlatform from './0012-jobs-platform.ts';
import * as jobsRuns from './0012-jobs-runs.ts';
import * as perfUsageMonthly from './0013-perf-usage-monthly.ts';
import * as cancelContract from './0014-cancel-contract.ts';
import * as events from './0015-events.ts';
import * as vendorApi from './0016-vendor-api.ts';
import * as webhooks from './0017-webhooks.ts';
import * as imports from './0018-imports.ts';
import * as renewalLapses from './0019-renewal-lapses.ts';
import * as opsWorkspace from './0020-ops-workspace.ts';
import * as perfRateLimits from './0021-perf-rate-limits.ts';
import * as renewalsByAccount from './0025-renewals-by-account.ts';
import * as perfUsageStamps from './0026-perf-usage-stamps.ts';

export const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-value-reports': valueReports,
  '0003-offers': offers,
  '0004-payments': payments,
  '0005-auto-renew': autoRenew,
  '0006-finance': finance,
  '0007-notice-obligations': noticeObligations,
  '0008-payable-attempts': payableAttempts,
  '0008b-scheduled-terms': scheduledTerms,
  '0009-security': security,
  '0010-quote-acceptance-and-churn': quoteAcceptanceAndChurn,
  '0010c-checkout-consent': checkoutConsent,
  '0011-postgres-insertion-order': postgresInsertionOrder,
  '0012-jobs-platform': jobsPlatform,
  '0012-jobs-runs': jobsRuns,
  '0013-perf-usage-monthly': perfUsageMonthly,
  '0014-cancel-contract': cancelContract,
  '0015-events': events,
  '0016-vendor-api': vendorApi,
  '0017-webhooks': webhooks,
  '0018-imports': imports,
  '0019-renewal-lapses': renewalLapses,
  '0020-ops-workspace': opsWorkspace,
  '0021-perf-rate-limits': perfRateLimits,
  '0025-renewals-by-account': renewalsByAccount,
  '0026-perf-usage-stamps': perfUsageStamps,
};
