import { expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createScheduler } from './scheduler.ts';

it('runs a job on its interval, never twice at once, and survives a failing run', async () => {
  const scheduler = createScheduler(createLogger('silent'));
  let runs = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  scheduler.every('slow', 5, async () => {
    runs++;
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    await new Promise((r) => setTimeout(r, 30));
    concurrent--;
    if (runs === 1) throw new Error('first run fails');
  });
  scheduler.start();
  await new Promise((r) => setTimeout(r, 120));
  await scheduler.stop();
  expect(runs).toBeGreaterThanOrEqual(2);
  expect(maxConcurrent).toBe(1);
});

it('runs a job on demand and refuses unknown jobs', async () => {
  const scheduler = createScheduler(createLogger('silent'));
  let runs = 0;
  scheduler.every('count', 60_000, async () => {
    runs++;
  });
  await scheduler.runNow('count');
  expect(runs).toBe(1);
  await expect(scheduler.runNow('missing')).rejects.toThrow(/No job/);
});
