// Time-based transitions, applied before every request so that a moved clock takes effect:
// Checkout Sessions expire, pending funds become available, payouts arrive.
import type { Emu } from './context.ts';
import { releaseAvailableFunds } from './resources/balance-transactions.ts';
import { expireDueSessions } from './resources/checkout-sessions.ts';
import { payArrivedPayouts } from './resources/payouts.ts';

export function applyTimeBasedTransitions(emu: Emu): void {
  expireDueSessions(emu);
  releaseAvailableFunds(emu);
  payArrivedPayouts(emu);
}
