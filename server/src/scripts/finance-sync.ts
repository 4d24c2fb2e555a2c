// `pnpm finance:sync`: pulls what is new at Stripe (balance transactions, payouts) into DATABASE_PATH and
// reconciles it, the same run as the daily job. Safe to run any time, also while the portal runs: one sync at
// a time (a lease in the database), and a run that stopped half-way resumes from its cursor.
// `--reconcile-only` skips Stripe and reconciles what is already synced.
//
// Without STRIPE_SECRET_KEY it talks to the Stripe emulator, which runs inside the portal (`pnpm start`).

import { runReconciliation } from '../features/finance/reconciliation/reconcile-service.ts';
import { runFinanceSync } from '../features/finance/sync-jobs.ts';
import { createRuntime } from '../runtime.ts';

const runtime = await createRuntime();
const { logger, config } = runtime;
let exitCode = 0;
try {
  const started = performance.now();
  if (process.argv.includes('--reconcile-only')) {
    const outcome = await runReconciliation(runtime);
    logger.info({ outcome: outcome.status === 'completed' ? outcome.counts : outcome }, 'reconciled');
  } else {
    const { sync, reconciliation } = await runFinanceSync(runtime, { trigger: 'cli' });
    if (sync.status === 'skipped') {
      logger.warn('another finance sync is running; nothing done');
      exitCode = 2;
    } else {
      logger.info(
        {
          transactions: sync.transactions,
          payouts: sync.payouts,
          requests: sync.requests,
          rateLimited: sync.rateLimited,
          reconciliation: reconciliation?.status === 'completed' ? reconciliation.counts : reconciliation,
          seconds: Math.round((performance.now() - started) / 100) / 10,
        },
        'finance sync done',
      );
    }
  }
} catch (error) {
  exitCode = 1;
  const hint = runtime.stripe.isEmulated
    ? ` (no STRIPE_SECRET_KEY: the Stripe emulator on port ${config.stripe.emulatorPort} must be running, i.e. the portal started with \`pnpm start\`)`
    : '';
  logger.error({ err: error }, `finance sync failed${hint}; the next run resumes where this one stopped`);
} finally {
  await runtime.close();
}
process.exit(exitCode);
