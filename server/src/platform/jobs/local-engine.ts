// The in-process job engine (SQLite, one or a few processes on one file): timers in each process, and the
// database decides who runs. A recurring job runs under its lease (recurring.ts), so the server and
// `pnpm renewals:run` never both run it and it runs once per interval between them; one-off work sits in
// `job_queue`, taken by a guarded update and locked while it runs, so a runner that dies leaves it for the
// next one once its lock runs out.

import { newId } from '../db/ids.ts';
import { fromJson, toJson } from '../db/json.ts';
import { backoffDelay } from './backoff.ts';
import {
  type EnqueueOptions,
  intervalOf,
  type JobEngine,
  type OneOffJob,
  type RecurringJob,
} from './engine.ts';
import { realTime } from './leases.ts';
import * as queue from './queue-repo.ts';
import { DEFAULT_LEASE_TTL_MS, type RunnerDeps, runRecurringOnce } from './recurring.ts';

const MAX_ATTEMPTS = 5;
const DAY_MS = 86_400_000;

export function createLocalEngine(deps: RunnerDeps & { pollMs?: number }): JobEngine {
  const now = deps.now ?? realTime;
  const ttlMs = deps.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const recurring = new Map<string, RecurringJob>();
  const oneOff = new Map<string, OneOffJob<never>>();
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  const owner = newId('proc');
  let isStarted = false;
  let isPolling = false;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    running.add(promise);
    void promise.finally(() => running.delete(promise)).catch(() => {});
    return promise;
  };

  const tick = (job: RecurringJob, keepForInterval: boolean) =>
    track(
      runRecurringOnce(deps, job, { keepForInterval }).catch((err) => {
        deps.logger.error({ job: job.name, err }, 'job failed');
        return 'failed' as const;
      }),
    );

  const runQueued = async (row: { id: string; name: string; payload_json: string; attempts: number }) => {
    const job = oneOff.get(row.name);
    if (!job) return;
    const isTaken = await queue.takeJob(deps.db, {
      id: row.id,
      owner,
      nowMs: now(),
      lockedUntilMs: now() + ttlMs,
    });
    if (!isTaken) return;
    const beat = setInterval(() => {
      void queue.extendLock(deps.db, { id: row.id, owner, lockedUntilMs: now() + ttlMs }).catch(() => {});
    }, ttlMs / 3);
    beat.unref();
    try {
      await deps.beforeRun?.();
      await job.run(fromJson(row.payload_json, {}) as never);
      await queue.finishJob(deps.db, {
        id: row.id,
        owner,
        state: 'done',
        finishedAt: new Date(now()).toISOString(),
        error: null,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.logger.error({ job: row.name, err }, 'queued job failed');
      const attempts = row.attempts + 1;
      const isRequeued =
        attempts < MAX_ATTEMPTS &&
        (await queue.requeueJob(deps.db, {
          id: row.id,
          owner,
          runAfterMs: now() + backoffDelay(attempts),
          error: message,
        }));
      if (!isRequeued) {
        await queue.finishJob(deps.db, {
          id: row.id,
          owner,
          state: 'failed',
          finishedAt: new Date(now()).toISOString(),
          error: message,
        });
      }
    } finally {
      clearInterval(beat);
    }
  };

  const poll = async () => {
    if (isPolling || !isStarted) return;
    isPolling = true;
    try {
      const rows = await queue.listTakeable(deps.db, { names: [...oneOff.keys()], nowMs: now(), limit: 10 });
      for (const row of rows) {
        if (!isStarted) break;
        await track(runQueued(row));
      }
    } catch (err) {
      deps.logger.error({ err }, 'job queue poll failed');
    } finally {
      isPolling = false;
    }
  };

  const startTimer = (run: () => unknown, everyMs: number) => {
    const timer = setInterval(run, everyMs);
    timer.unref();
    timers.push(timer);
  };

  return {
    kind: 'local',
    schedule(job) {
      recurring.set(job.name, job);
      if (isStarted) startTimer(() => tick(job, true), intervalOf(job.schedule));
    },
    define(job) {
      oneOff.set(job.name, job as OneOffJob<never>);
    },
    async enqueue(name, payload = {}, options: EnqueueOptions = {}) {
      if (!oneOff.has(name)) throw new Error(`No one-off job named ${name}`);
      const isQueued = await queue.insertJob(deps.db, {
        id: newId('job'),
        name,
        singleton_key: options.singletonKey ?? null,
        payload_json: toJson(payload),
        state: 'queued',
        run_after_ms: now() + (options.delayMs ?? 0),
        locked_by: null,
        locked_until_ms: null,
        created_at: new Date(now()).toISOString(),
        finished_at: null,
        error: null,
      });
      if (isQueued && isStarted && !options.delayMs) void poll();
      return isQueued;
    },
    async runNow(name) {
      const job = recurring.get(name);
      if (!job) throw new Error(`No job named ${name}`);
      await tick(job, false);
    },
    async start() {
      if (isStarted) return;
      isStarted = true;
      for (const job of recurring.values()) startTimer(() => tick(job, true), intervalOf(job.schedule));
      startTimer(() => void poll(), deps.pollMs ?? 1_000);
      startTimer(() => {
        void queue
          .deleteFinishedBefore(deps.db, new Date(now() - 7 * DAY_MS).toISOString())
          .catch((err) => deps.logger.warn({ err }, 'job queue clean-up failed'));
      }, DAY_MS);
    },
    async stop() {
      isStarted = false;
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      await Promise.allSettled([...running]);
    },
  };
}
