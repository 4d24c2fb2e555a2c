import { expect, it } from 'vitest';
import { createYielder } from './yield.ts';

it('lets the event loop turn once a slice of work has taken its time, not before', async () => {
  let clock = 0;
  let turns = 0;
  const yieldNow = createYielder({ sliceMs: 10, now: () => clock, turn: async () => void turns++ });
  clock = 9;
  await yieldNow();
  expect(turns).toBe(0);
  clock = 10;
  await yieldNow();
  expect(turns).toBe(1);
  clock = 15; // a new slice started at 10
  await yieldNow();
  expect(turns).toBe(1);
  clock = 20;
  await yieldNow();
  expect(turns).toBe(2);
});

it('by default runs what waits in the event loop (I/O, timers, setImmediate) before going on', async () => {
  let clock = 0;
  const yieldNow = createYielder({ sliceMs: 1, now: () => clock });
  let ran = false;
  setImmediate(() => {
    ran = true;
  });
  clock = 5;
  await yieldNow();
  expect(ran).toBe(true);
});
