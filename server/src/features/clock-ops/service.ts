// The demo clock (DESIGN.md §4: all "today" comes from one injectable clock): with the Stripe emulator, never
// with a real key, ops move the portal's date forward to watch notices and charges happen, and back to real
// time. The offset lives in the database, the one truth for every instance: each process reads it at start,
// at most once a second after that, and before each job run (refreshDemoClock); the emulator shares the
// clock, so Stripe's "now" moves too; sessions move with it so nobody is signed out by a jump.

import { addDays, calendarDateIn, compareDates, daysBetween } from '@portal/shared/dates';
import type { TDemoClock, TDemoClockUpdate } from '@portal/shared/schemas/clock';
import { recordAudit } from '../../platform/audit/service.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { shiftSessionTimes } from '../auth/service.ts';
import * as repo from './repo.ts';

const DAY_MS = 86_400_000;
/** Far enough for any demo (three-year terms and their grace), near enough to catch a typo. */
const MAX_DAYS_AHEAD = 5 * 366;

export function getDemoClock(deps: AppDeps): TDemoClock {
  const offset = deps.clock.offsetMs();
  return {
    now: deps.clock.now().toISOString(),
    today: deps.clock.today(),
    offsetDays: Math.round(offset / DAY_MS),
    timeZone: deps.clock.timeZone,
    isAdjustable: deps.stripe.isEmulated,
  };
}

function realToday(deps: AppDeps): string {
  return calendarDateIn(new Date(deps.clock.now().getTime() - deps.clock.offsetMs()), deps.clock.timeZone);
}

/** Moves the portal's date (ops, emulator only): to a day from the real today on, or back to real time. */
export async function setDemoClock(
  deps: AppDeps,
  actor: SessionUser,
  input: TDemoClockUpdate,
): Promise<TDemoClock> {
  if (!deps.stripe.isEmulated) {
    throw new AppError(
      'forbidden',
      'The date can only be moved with the Stripe emulator, never with a real key.',
    );
  }
  const real = realToday(deps);
  let offsetMs = 0;
  if ('today' in input) {
    if (compareDates(input.today, real) < 0) {
      throw new AppError('rule_violated', `The date cannot go before the real date (${real}).`, {
        fields: { today: `on or after ${real}` },
      });
    }
    if (compareDates(input.today, addDays(real, MAX_DAYS_AHEAD)) > 0) {
      throw new AppError('rule_violated', 'That is too far ahead for a demo.', {
        fields: { today: 'too far' },
      });
    }
    offsetMs = daysBetween(real, input.today) * DAY_MS;
  }
  await refreshDemoClock(deps, { force: true });
  const before = getDemoClock(deps);
  const deltaMs = offsetMs - deps.clock.offsetMs();
  const nowIso = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await repo.saveOffset(tx, offsetMs, new Date(nowIso));
    await shiftSessionTimes(tx, deltaMs);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'demo_clock',
      entityId: 'portal',
      action: 'demo_clock.moved',
      before: { today: before.today, offsetDays: before.offsetDays },
      after: { today: 'today' in input ? input.today : real, offsetDays: Math.round(offsetMs / DAY_MS) },
      at: new Date(nowIso),
    });
  });
  deps.clock.setOffsetMs(offsetMs);
  deps.logger.info({ offsetDays: offsetMs / DAY_MS, by: actor.email }, 'demo clock moved');
  return getDemoClock(deps);
}

/** When each clock last read its offset (real time): a cache of the database, never needed elsewhere. */
const lastRead = new WeakMap<object, number>();
const REFRESH_MS = 1_000;

/**
 * Reads the offset ops set (on any instance) into this process's clock, with the emulator only (a real key
 * always runs on real time): at most once a second, or now with `force` (at start, before a job run).
 */
export async function refreshDemoClock(deps: AppDeps, options: { force?: boolean } = {}): Promise<void> {
  if (!deps.stripe.isEmulated) return;
  const at = Date.now();
  const last = lastRead.get(deps.clock);
  if (!options.force && last !== undefined && at - last < REFRESH_MS) return;
  lastRead.set(deps.clock, at);
  deps.clock.setOffsetMs((await repo.findOffset(deps.db)) ?? 0);
}

/** At start: the offset ops set last time. */
export function restoreDemoClock(deps: AppDeps): Promise<void> {
  return refreshDemoClock(deps, { force: true });
}

/** Middleware for the composition root: each request sees the offset of at most a second ago. */
export function demoClockRefresher(deps: AppDeps) {
  return async (_c: unknown, next: () => Promise<void>) => {
    await refreshDemoClock(deps);
    await next();
  };
}
