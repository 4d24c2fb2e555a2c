// The behaviour both job engines promise (engine.ts), as one suite each adapter's test runs with two engines
// on one database: two processes, or two instances.

import { expect, it, vi } from 'vitest';
import type { AdjustableClock } from '../platform/clock.ts';
import type { JobEngine } from '../platform/jobs/engine.ts';

export type EnginePair = {
  a: JobEngine;
  b: JobEngine;
  clock: AdjustableClock & { set(iso: string): void };
};

export function engineContract(setup: () => Promise<EnginePair>) {
  it('never runs a recurring job twice at once, whichever engine asks', async () => {
    const { a, b } = await setup();
    let runs = 0;
    let started = () => {};
    const isStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finish = () => {};
    const isFinished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const job = {
      name: 'count',
      schedule: { every: 60_000 },
      run: async () => {
        runs++;
        started();
        await isFinished;
      },
    };
    a.schedule(job);
    b.schedule(job);
    const first = a.runNow('count');
    await isStarted;
    await Promise.all([b.runNow('count'), a.runNow('count')]); // busy: they return without running
    expect(runs).toBe(1);
    finish();
    await first;
    await b.runNow('count'); // the lease is free again
    expect(runs).toBe(2);
  });

  it('once started, runs an interval job at most once per interval between the engines', async () => {
    const { a, b } = await setup();
    const starts: number[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const job = {
      name: 'tick',
      schedule: { every: 1_000 },
      run: async () => {
        starts.push(Date.now());
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);
        await new Promise((resolve) => setImmediate(resolve));
        concurrent--;
      },
    };
    a.schedule(job);
    b.schedule(job);
    await a.start();
    await b.start();
    await vi.waitFor(() => expect(starts.length).toBeGreaterThanOrEqual(3), {
      timeout: 15_000,
      interval: 50,
    });
    await a.stop();
    await b.stop();
    expect(maxConcurrent).toBe(1);
    // The lease is kept until start + interval: whichever engine ran, the next start is at least that late
    // (a slow machine only widens the gaps).
    const gaps = starts.slice(1).map((at, i) => at - (starts[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
  });

  it('runs a daily job once per vendor day after the hour, again when the (demo) day moves on', async () => {
    const { a, b, clock } = await setup();
    const days: string[] = [];
    const job = {
      name: 'daily',
      schedule: { dailyAt: 9 },
      run: async (today: string) => void days.push(today),
    };
    a.schedule(job);
    b.schedule(job);
    clock.set('2027-03-01T08:30:00Z');
    await Promise.all([a.runNow('daily'), b.runNow('daily')]);
    expect(days).toEqual([]);
    clock.set('2027-03-01T09:05:00Z');
    await Promise.all([a.runNow('daily'), b.runNow('daily')]);
    await a.runNow('daily');
    expect(days).toEqual(['2027-03-01']);
    clock.setOffsetMs(2 * 86_400_000);
    await Promise.all([b.runNow('daily'), a.runNow('daily')]);
    expect(days).toEqual(['2027-03-01', '2027-03-03']);
  });

  it('tries a failed daily run again at the next check', async () => {
    const { a, clock } = await setup();
    clock.set('2027-03-01T10:00:00Z');
    let calls = 0;
    a.schedule({
      name: 'flaky',
      schedule: { dailyAt: 2 },
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('Stripe was down');
      },
    });
    await a.runNow('flaky');
    await a.runNow('flaky');
    await a.runNow('flaky');
    expect(calls).toBe(2);
  });

  it('queues one-off work once per singleton key and runs it once', async () => {
    const { a, b } = await setup();
    const payloads: unknown[] = [];
    const job = { name: 'sync-soon', run: async (payload: object) => void payloads.push(payload) };
    a.define(job);
    b.define(job);
    await a.start();
    await b.start();
    // Both ask while the first still waits (a short delay keeps a worker from taking it between the two calls:
    // once it runs, a new enqueue is rightly accepted).
    const waiting = { singletonKey: 'payouts', delayMs: 2_000 };
    const queued = await Promise.all([
      a.enqueue('sync-soon', { payout: 'po_1' }, waiting),
      b.enqueue('sync-soon', { payout: 'po_2' }, waiting),
    ]);
    expect(queued.filter(Boolean)).toHaveLength(1);
    await vi.waitFor(() => expect(payloads).toHaveLength(1), { timeout: 15_000, interval: 50 });
    expect(await a.enqueue('sync-soon', {}, { singletonKey: 'payouts' })).toBe(true); // the queued one ran
  });
}
