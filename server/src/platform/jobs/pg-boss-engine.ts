// The job engine on PostgreSQL: pg-boss 10 (docs/decisions/014-job-engine.md). Each recurring job is a pg-boss
// queue with the `standard` policy (a slot held by an instance killed with -9 must not block the next slot for
// the 15 min pg-boss takes to expire it: the lease keeps runs apart, the ledger makes them resume); every
// instance's timer sends one job per interval slot (`singletonSeconds`, so the slot is sent once
// cluster-wide) and whichever instance's worker fetches it runs it under the job's lease (recurring.ts) and,
// for a daily job, behind the daily check on the (demo) clock. pg-boss's own cron is not used: it runs on real
// time with a minute's resolution, while the portal's days follow the demo clock and e-mail goes every 5 s.
// One-off work is a `stately` queue too, so a singleton key holds one waiting job; a job whose instance died
// is expired by pg-boss and retried.

import PgBoss from 'pg-boss';
import { backoffDelay, realSleep } from './backoff.ts';
import {
  type EnqueueOptions,
  intervalOf,
  type JobEngine,
  type OneOffJob,
  type RecurringJob,
} from './engine.ts';
import { DEFAULT_LEASE_TTL_MS, type RunnerDeps, runRecurringOnce } from './recurring.ts';

export type PgBossEngineOptions = RunnerDeps & {
  connectionString: string;
  /** pg-boss's tables live in this schema (default `pgboss`). */
  schema?: string;
  /** How often idle workers look for work (seconds; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
};

/** A job whose worker stopped answering is retried after this long. */
const EXPIRE_SECONDS = 15 * 60;
/** Deadlock, serialisation failure, duplicate key or relation: another instance created the queue meanwhile. */
const CONCURRENT_CREATE_CODES = new Set(['40P01', '40001', '23505', '42P07']);
const CREATE_QUEUE_ATTEMPTS = 6;
const isConcurrentCreate = (error: unknown) =>
  CONCURRENT_CREATE_CODES.has(String((error as { code?: unknown } | null)?.code));

/** pg-boss's default archive interval: no singleton slot may be longer. */
const MAX_SLOT_SECONDS = 12 * 3600;

export function createPgBossEngine(options: PgBossEngineOptions): JobEngine {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? 'pgboss',
    // Schedules are the portal's (see above); maintenance (expiry, archiving) stays on.
    schedule: false,
  });
  boss.on('error', (err) => options.logger.error({ err }, 'pg-boss error'));
  const recurring = new Map<string, RecurringJob>();
  const oneOff = new Map<string, OneOffJob<never>>();
  const timers: NodeJS.Timeout[] = [];
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  let isStarted = false;

  const queueOptions = { policy: 'stately' as const, expireInSeconds: EXPIRE_SECONDS, retryLimit: 3 };
  // Instances started together create the same queues at once: PostgreSQL then answers one of them with a
  // deadlock or a duplicate (the three-instance test saw an instance die of it at start). Look again and retry.
  const createQueue = async (name: string, policy: 'stately' | 'standard' = queueOptions.policy) => {
    for (let attempt = 1; ; attempt++) {
      if (await boss.getQueue(name)) return;
      try {
        await boss.createQueue(name, { name, ...queueOptions, policy });
        return;
      } catch (error) {
        if (attempt >= CREATE_QUEUE_ATTEMPTS || !isConcurrentCreate(error)) throw error;
        await realSleep(backoffDelay(attempt) / 10);
      }
    }
  };

  // pg-boss refuses a slot longer than its archive interval (12 h), which left the daily backfill unqueued on
  // PostgreSQL; the lease kept for the interval spaces the runs anyway, so the slot is capped at 12 h.
  const slotSeconds = (job: RecurringJob) =>
    Math.min(MAX_SLOT_SECONDS, Math.max(1, Math.round(intervalOf(job.schedule) / 1000)));
  const sendSlot = (job: RecurringJob) =>
    boss
      .send(job.name, {}, { singletonSeconds: slotSeconds(job) })
      .catch((err) => options.logger.warn({ job: job.name, err }, 'could not queue a job'));

  const startRecurring = async (job: RecurringJob) => {
    // `standard`: a slot taken by an instance killed mid-run must not block the next slot until pg-boss
    // expires it (15 min); the job's lease keeps the runs apart and its ledger makes them resume, not repeat.
    await createQueue(job.name, 'standard');
    await boss.work(job.name, { pollingIntervalSeconds }, async () => {
      // The slot spaces the jobs; the lease, kept for the interval, spaces the runs (a late slot finds it
      // held and ends without running) and keeps them apart from runNow and slow runs.
      await runRecurringOnce(options, job, { keepForInterval: true });
    });
    void sendSlot(job);
    const timer = setInterval(() => void sendSlot(job), intervalOf(job.schedule));
    timer.unref();
    timers.push(timer);
  };

  const startOneOff = async (job: OneOffJob<never>) => {
    await createQueue(job.name);
    await boss.work<object>(job.name, { pollingIntervalSeconds }, async ([queued]) => {
      await options.beforeRun?.();
      await job.run((queued?.data ?? {}) as never);
    });
  };

  return {
    kind: 'pg-boss',
    schedule(job) {
      recurring.set(job.name, job);
      if (isStarted) void startRecurring(job);
    },
    define(job) {
      oneOff.set(job.name, job as OneOffJob<never>);
      if (isStarted) void startOneOff(job as OneOffJob<never>);
    },
    async enqueue(name, payload = {}, enqueueOptions: EnqueueOptions = {}) {
      if (!oneOff.has(name)) throw new Error(`No one-off job named ${name}`);
      if (!isStarted) throw new Error('The job engine is not started');
      const id = await boss.send(name, payload, {
        ...(enqueueOptions.singletonKey ? { singletonKey: enqueueOptions.singletonKey } : {}),
        ...(enqueueOptions.delayMs ? { startAfter: Math.ceil(enqueueOptions.delayMs / 1000) } : {}),
      });
      return id !== null;
    },
    async runNow(name) {
      const job = recurring.get(name);
      if (!job) throw new Error(`No job named ${name}`);
      await runRecurringOnce(options, job, { keepForInterval: false }).catch((err) =>
        options.logger.error({ job: name, err }, 'job failed'),
      );
    },
    async start() {
      if (isStarted) return;
      await boss.start();
      isStarted = true;
      for (const job of recurring.values()) await startRecurring(job);
      for (const job of oneOff.values()) await startOneOff(job);
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      if (!isStarted) return;
      isStarted = false;
      await boss.stop({ graceful: true, wait: true, timeout: DEFAULT_LEASE_TTL_MS });
    },
  };
}
