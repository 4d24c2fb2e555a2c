// The turn budget (turn-budget.ts): requests over a turn's budget of handler time wait for a later turn, in
// arrival order, and none is lost. Time is a counter the handlers advance, so no assertion depends on speed.

import fc from 'fast-check';
import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { acceptedRecently, createTurnBudget } from './turn-budget.ts';

type Start = { index: number; at: number; turn: number };

/**
 * Fires one request per cost, each from its own macrotask (as each connection's data arrives in its own I/O
 * callback); each handler awaits a few times, as real handlers do, then "runs" for its cost of fake ms.
 */
async function serve(budgetMs: number, costs: readonly number[]) {
  let fakeNow = 0;
  let turn = 0;
  let ticking = true;
  const tick = () => {
    turn++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const budget = createTurnBudget({ budgetMs, now: () => fakeNow });
  const starts: Start[] = [];
  const app = new Hono().use(budget.middleware).get('/:index', async (c) => {
    const index = Number(c.req.param('index'));
    starts.push({ index, at: fakeNow, turn });
    for (let hop = 0; hop < 3; hop++) await Promise.resolve();
    fakeNow += costs[index] ?? 0;
    return c.json({ index });
  });
  const replies = await Promise.all(
    costs.map(
      (_cost, index) =>
        new Promise<Response>((resolve) => setImmediate(() => resolve(app.request(`/${index}`)))),
    ),
  );
  ticking = false;
  const bodies = await Promise.all(replies.map((reply) => reply.json() as Promise<{ index: number }>));
  return { starts, bodies, statuses: replies.map((reply) => reply.status), deferred: budget.deferred };
}

it('starts a budget of handler time per turn, the rest in later turns, in arrival order', async () => {
  const { starts, statuses, deferred } = await serve(5, Array(10).fill(2));
  expect(statuses).toEqual(Array(10).fill(200));
  expect(starts.map((start) => start.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(starts.map((start) => start.at)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  // 0, 2 and 4 fit the first window (until 5); 6 opens the next one in a later turn, and so on.
  const turns = starts.map((start) => start.turn);
  expect(new Set(turns.slice(0, 3)).size).toBe(1);
  expect(new Set(turns.slice(3, 6)).size).toBe(1);
  expect(new Set(turns.slice(6, 9)).size).toBe(1);
  expect(turns[3]).toBeGreaterThan(turns[0] ?? 0);
  expect(turns[6]).toBeGreaterThan(turns[3] ?? 0);
  expect(turns[9]).toBeGreaterThan(turns[6] ?? 0);
  expect(deferred).toBeGreaterThanOrEqual(7);
});

it('starts every request at once when the budget is 0 (off)', async () => {
  const { starts, deferred } = await serve(0, Array(10).fill(2));
  expect(new Set(starts.map((start) => start.turn)).size).toBe(1);
  expect(deferred).toBe(0);
});

it('answers every request once, in arrival order, starting at most a budget of handler time per turn', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 30 }),
      async (budgetMs, costs) => {
        const { starts, bodies, statuses } = await serve(budgetMs, costs);
        expect(statuses.every((status) => status === 200)).toBe(true);
        expect(bodies.map((body) => body.index)).toEqual(costs.map((_cost, index) => index));
        expect(starts.map((start) => start.index)).toEqual(costs.map((_cost, index) => index));
        // Within a turn, the handler time started before the turn's last start fits the budget: a handler
        // starts only while its window (opened at the turn's first start) has budget left.
        for (const turn of new Set(starts.map((start) => start.turn))) {
          const inTurn = starts.filter((start) => start.turn === turn);
          const beforeLast = inTurn.slice(0, -1).reduce((sum, start) => sum + (costs[start.index] ?? 0), 0);
          expect(beforeLast).toBeLessThanOrEqual(budgetMs);
        }
      },
    ),
    { numRuns: 100 },
  );
});

it('starts every request at once while not engaged (no connection waiting to be taken)', async () => {
  let fakeNow = 0;
  const budget = createTurnBudget({ budgetMs: 1, engaged: () => false, now: () => fakeNow });
  const app = new Hono().use(budget.middleware).get('/', (c) => {
    fakeNow += 5;
    return c.text('ok');
  });
  const replies = await Promise.all(Array.from({ length: 5 }, () => app.request('/')));
  expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
  expect(budget.deferred).toBe(0);
});

it('counts a server as taking connections for a window after each one it takes', () => {
  let fakeNow = 1_000;
  const listeners: (() => void)[] = [];
  const server = { on: (_event: 'connection', listener: () => void) => listeners.push(listener) };
  const isTaking = acceptedRecently(server, 100, () => fakeNow);
  expect(isTaking()).toBe(false);
  for (const listener of listeners) listener();
  expect(isTaking()).toBe(true);
  fakeNow += 99;
  expect(isTaking()).toBe(true);
  fakeNow += 1;
  expect(isTaking()).toBe(false);
});
