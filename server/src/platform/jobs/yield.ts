// Long jobs in the web process (the daily renewal run over hundreds of thousands of subscriptions) must not hold
// the event loop: on SQLite every query is synchronous, so a loop of awaited queries never lets a request in
// (an `await` of a settled promise only runs microtasks). A yielder lets the loop turn (`setImmediate`: pending
// I/O, timers and requests run first) once a slice of work has taken `sliceMs`; cheaper than yielding after
// every item, and it bounds the delay requests see to about one slice plus one item (decision 022).

import { performance } from 'node:perf_hooks';

export type Yielder = () => Promise<void>;

export const DEFAULT_SLICE_MS = 10;

export function createYielder(
  options: { sliceMs?: number; now?: () => number; turn?: () => Promise<void> } = {},
): Yielder {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const now = options.now ?? (() => performance.now());
  const turn = options.turn ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let sliceStarted = now();
  return async () => {
    if (now() - sliceStarted < sliceMs) return;
    await turn();
    sliceStarted = now();
  };
}
