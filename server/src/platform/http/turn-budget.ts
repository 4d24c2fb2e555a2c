// Short event-loop turns under load, so new connections are taken while the portal is saturated.
//
// libuv (since 1.45, Node 20) takes one new connection from a listening socket per event-loop turn. A turn
// runs the handlers of every request that became readable, so with a hundred connections busy a turn lasts
// tens of milliseconds, and a burst of new connections waits in the kernel's listen queue, one taken per turn:
// their first requests were answered after 1–8 s while the others took 50 ms (decision 027). This middleware
// gives each turn a budget of handler time: a request that arrives once the budget is spent waits for the
// turn's check phase (`setImmediate`, after the turn's I/O), where a new window opens for the waiting requests
// in arrival order; those still waiting when it is spent wait for the next turn's check phase, after that
// turn's poll has taken its new connection. Nothing is dropped; the budget only decides in which turn a
// handler starts.

import type { MiddlewareHandler } from 'hono';

export type TurnBudget = { middleware: MiddlewareHandler; readonly deferred: number };

export function createTurnBudget(options: {
  budgetMs: number;
  /** Whether the budget applies now (default: always); main.ts engages it while new connections arrive. */
  engaged?: () => boolean;
  now?: () => number;
}): TurnBudget {
  const now = options.now ?? (() => performance.now());
  const engaged = options.engaged ?? (() => true);
  /** When the current window's budget ends; 0 between windows (reset in each turn's check phase). */
  let deadline = 0;
  let deferred = 0;
  const endOfWindow = () => {
    deadline = 0;
  };
  // Each waiting request gets its own immediate: Node runs the microtasks queued by one immediate before the
  // next, so a handler's whole chain (its awaits included) has run before the next request checks the budget.
  // (One promise shared by all waiting requests cost less but let every one of them pass the check before any
  // had done its work: the budget then bounded nothing.)
  const waitForNextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  /** True when a handler may start now; opens a budget window when none is open. */
  const mayStart = () => {
    const at = now();
    if (deadline === 0) {
      deadline = at + options.budgetMs;
      setImmediate(endOfWindow);
    }
    return at <= deadline;
  };
  const middleware: MiddlewareHandler = async (_c, next) => {
    if (options.budgetMs > 0 && engaged()) {
      while (!mayStart()) {
        deferred++;
        await waitForNextTurn();
      }
    }
    await next();
  };
  return {
    middleware,
    get deferred() {
      return deferred;
    },
  };
}

/**
 * Whether the server took a new connection in the last `windowMs`: while a burst waits in the listen queue,
 * libuv takes one per turn, so this stays true until the queue is empty (and costs no system call to know).
 */
export function acceptedRecently(
  server: { on(event: 'connection', listener: () => void): unknown },
  windowMs = 100,
  now: () => number = () => performance.now(),
): () => boolean {
  let lastAccept = Number.NEGATIVE_INFINITY;
  server.on('connection', () => {
    lastAccept = now();
  });
  return () => now() - lastAccept < windowMs;
}
