// Real (wall-clock) time, whatever the demo clock says: one-time tokens expire in both, so moving the demo date
// back never makes an expired link work again (docs/security.md).

import type { AdjustableClock } from '../clock.ts';

export function realNow(clock: Pick<AdjustableClock, 'now' | 'offsetMs'>): Date {
  return new Date(clock.now().getTime() - clock.offsetMs());
}
