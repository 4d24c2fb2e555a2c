// The in-process scheduler: runs registered jobs on an interval, never two runs of the same job at once, and
// logs failures instead of crashing the server. It knows no feature; main.ts registers the jobs.

import type { Logger } from '../logger.ts';

export type ScheduledJob = { name: string; intervalMs: number; run: () => Promise<unknown> };

export type Scheduler = {
  every(name: string, intervalMs: number, run: () => Promise<unknown>): void;
  /** Runs a registered job now (and waits), unless it is already running. */
  runNow(name: string): Promise<void>;
  start(): void;
  stop(): Promise<void>;
};

export function createScheduler(logger: Logger): Scheduler {
  const jobs = new Map<string, ScheduledJob>();
  const running = new Map<string, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  let isStarted = false;

  const runOnce = (job: ScheduledJob): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current;
    const started = performance.now();
    const promise = job
      .run()
      .then((result) => {
        if (result !== undefined)
          logger.debug({ job: job.name, ms: Math.round(performance.now() - started), result }, 'job ran');
      })
      .catch((err) => logger.error({ job: job.name, err }, 'job failed'))
      .finally(() => running.delete(job.name));
    running.set(job.name, promise);
    return promise;
  };

  const schedule = (job: ScheduledJob) => {
    const timer = setInterval(() => void runOnce(job), job.intervalMs);
    timer.unref();
    timers.push(timer);
  };

  return {
    every(name, intervalMs, run) {
      const job = { name, intervalMs, run };
      jobs.set(name, job);
      if (isStarted) schedule(job);
    },
    async runNow(name) {
      const job = jobs.get(name);
      if (!job) throw new Error(`No job named ${name}`);
      await runOnce(job);
    },
    start() {
      if (isStarted) return;
      isStarted = true;
      for (const job of jobs.values()) schedule(job);
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      isStarted = false;
      await Promise.all(running.values());
    },
  };
}
