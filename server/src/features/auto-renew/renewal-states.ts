// The life of a term's automatic renewal as one table (STYLE.md: state machines as tables). Each move names
// the states it may start from; `transitionRenewal` applies a move only from those (a guarded UPDATE), so a
// renewal that another process moved meanwhile is left alone. The run's step for a state is in `RUN_STEP`.
//
//   planning ─▶ scheduled ─(notices not all out)─▶ deferred ─▶ …
//   scheduled/deferred/retrying/requires_action ─(ledger claim)─▶ charging ─▶ succeeded (fulfilled, next term planned)
//                                                                          ├─▶ requires_action (e-mail: finish in the portal)
//                                                                          ├─▶ retrying (e-mail: failed, next try on day 3, 7)
//                                                                          └─▶ failed (e-mail: last try failed) ─(end of grace)─▶ expired
//   any open state but charging ─▶ cancelled (auto-renew off, subscription cancelled) | superseded (renewed otherwise)

export const OPEN_RENEWAL_STATES = [
  'planning',
  'scheduled',
  'deferred',
  'charging',
  'retrying',
  'requires_action',
  'needs_attention',
  'failed',
] as const;
export type OpenRenewalState = (typeof OPEN_RENEWAL_STATES)[number];
export type ClosedRenewalState = 'succeeded' | 'expired' | 'cancelled' | 'superseded';
export type RenewalState = OpenRenewalState | ClosedRenewalState;

/** The states a charge may start (or resume, from `charging`) in. */
export const CHARGEABLE = ['scheduled', 'deferred', 'retrying', 'requires_action'] as const;

/** The states whose notice obligations the run derives and acts on. */
export const NOTICE_STATES = ['scheduled', 'deferred'] as const;

/** Every move of the renewal run and of auto-renew's services: where it may start from, where it goes. */
export const RENEWAL_MOVES = {
  /** The charge is claimed in the ledger and the renewal marked, in one transaction. */
  startCharge: { from: [...CHARGEABLE, 'charging'], to: ['charging'] },
  /** The charge cannot go ahead (no card, no payable quote): ops are told. */
  holdForOps: { from: [...CHARGEABLE, 'charging'], to: ['needs_attention'] },
  /** The charge's outcome: paid and applied, paid but not applied, or declined. */
  recordOutcome: {
    from: ['charging'],
    to: ['succeeded', 'needs_attention', 'requires_action', 'retrying', 'failed'],
  },
  /** Notices not all out by the charge date: the charge waits. */
  defer: { from: NOTICE_STATES, to: ['deferred'] },
  /** Closed without charging: turned off, cancelled, renewed another way, or grace ended. */
  close: {
    from: ['planning', 'scheduled', 'deferred', 'retrying', 'requires_action', 'needs_attention', 'failed'],
    to: ['cancelled', 'superseded', 'expired', 'succeeded', 'needs_attention'],
  },
} as const satisfies Record<string, { from: readonly OpenRenewalState[]; to: readonly RenewalState[] }>;

/** What the daily run does with a due renewal in each open state, once it is known still to apply. */
export const RUN_STEP: Record<OpenRenewalState, 'plan' | 'charge' | 'wait'> = {
  planning: 'plan',
  scheduled: 'charge',
  deferred: 'charge',
  retrying: 'charge',
  requires_action: 'charge',
  charging: 'charge',
  needs_attention: 'wait',
  failed: 'wait',
};

export function runStepOf(state: string): 'plan' | 'charge' | 'wait' {
  return (OPEN_RENEWAL_STATES as readonly string[]).includes(state)
    ? RUN_STEP[state as OpenRenewalState]
    : 'wait';
}
