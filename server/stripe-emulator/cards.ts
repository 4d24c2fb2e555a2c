// Stripe's test cards (numbers for the hosted page, `pm_card_*` ids for the API) and what each does
// when set up, attached or charged.
export type Decline = { code: string; declineCode: string; message: string };

export type CardBehaviour =
  | { kind: 'succeeds' }
  /** Declined on every use, including saving it. */
  | { kind: 'declined'; decline: Decline }
  /** Saves fine, every charge is declined (4000000000000341). */
  | { kind: 'declines_charges'; decline: Decline }
  /** 3-D Secure on setup and on-session payments; off-session payments pass once set up (…3155). */
  | { kind: 'authentication_unless_set_up' }
  /** 3-D Secure on every payment, off-session ones fail with `authentication_required` (…3184). */
  | { kind: 'authentication_always' };

export type TestCard = {
  key: string;
  number: string;
  brand: string;
  funding: 'credit' | 'debit';
  country: string;
  behaviour: CardBehaviour;
};

const GENERIC: Decline = {
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

function declined(code: string, declineCode: string, message: string): CardBehaviour {
  return { kind: 'declined', decline: { code, declineCode, message } };
}

const SUCCEEDS: CardBehaviour = { kind: 'succeeds' };

/** Keyed by the suffix of the `pm_card_*` id. */
export const TEST_CARDS: TestCard[] = [
  {
    key: 'visa',
    number: '4242424242424242',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: SUCCEEDS,
  },
  {
    key: 'visa_debit',
    number: '4000056655665556',
    brand: 'visa',
    funding: 'debit',
    country: 'US',
    behaviour: SUCCEEDS,
  },
  {
    key: 'mastercard',
    number: '5555555555554444',
    brand: 'mastercard',
    funding: 'credit',
    country: 'US',
    behaviour: SUCCEEDS,
  },
  {
    key: 'amex',
    number: '378282246310005',
    brand: 'amex',
    funding: 'credit',
    country: 'US',
    behaviour: SUCCEEDS,
  },
  {
    key: 'discover',
    number: '6011111111111117',
    brand: 'discover',
    funding: 'credit',
    country: 'US',
    behaviour: SUCCEEDS,
  },
  {
    key: 'jcb',
    number: '3566002020360505',
    brand: 'jcb',
    funding: 'credit',
    country: 'JP',
    behaviour: SUCCEEDS,
  },
  {
    key: 'chargeDeclined',
    number: '4000000000000002',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: { kind: 'declined', decline: GENERIC },
  },
  {
    key: 'chargeDeclinedInsufficientFunds',
    number: '4000000000009995',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  },
  {
    key: 'chargeDeclinedLostCard',
    number: '4000000000009987',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('card_declined', 'lost_card', 'Your card was declined.'),
  },
  {
    key: 'chargeDeclinedStolenCard',
    number: '4000000000009979',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('card_declined', 'stolen_card', 'Your card was declined.'),
  },
  {
    key: 'chargeDeclinedExpiredCard',
    number: '4000000000000069',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('expired_card', 'expired_card', 'Your card has expired.'),
  },
  {
    key: 'chargeDeclinedIncorrectCvc',
    number: '4000000000000127',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  },
  {
    key: 'chargeDeclinedProcessingError',
    number: '4000000000000119',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined(
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
    ),
  },
  {
    key: 'chargeCustomerFail',
    number: '4000000000000341',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: { kind: 'declines_charges', decline: GENERIC },
  },
  {
    key: 'authenticationRequiredOnSetup',
    number: '4000002500003155',
    brand: 'visa',
    funding: 'credit',
    country: 'IE',
    behaviour: { kind: 'authentication_unless_set_up' },
  },
  {
    key: 'authenticationRequired',
    number: '4000002760003184',
    brand: 'visa',
    funding: 'credit',
    country: 'DE',
    behaviour: { kind: 'authentication_always' },
  },
  {
    key: 'threeDSecure2Required',
    number: '4000000000003220',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: { kind: 'authentication_always' },
  },
];

export const AUTHENTICATION_REQUIRED: Decline = {
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

const LIVE_CARD: Decline = {
  code: 'card_declined',
  declineCode: 'test_mode_live_card',
  message:
    'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
};

export function cardByKey(key: string): TestCard | undefined {
  return TEST_CARDS.find((card) => card.key === key);
}

export function cardByToken(paymentMethodId: string): TestCard | undefined {
  return paymentMethodId.startsWith('pm_card_')
    ? cardByKey(paymentMethodId.slice('pm_card_'.length))
    : undefined;
}

export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return number.length >= 12 && sum % 10 === 0;
}

function brandOf(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  if (/^35/.test(number)) return 'jcb';
  return 'unknown';
}

/** The test card for a number; a valid non-test number behaves like a live card in test mode. */
export function cardByNumber(number: string): TestCard {
  const known = TEST_CARDS.find((card) => card.number === number);
  if (known) return known;
  return {
    key: 'live',
    number,
    brand: brandOf(number),
    funding: 'credit',
    country: 'US',
    behaviour: { kind: 'declined', decline: LIVE_CARD },
  };
}

export type Operation = 'attach' | 'setup' | 'charge';
export type Situation = {
  operation: Operation;
  offSession: boolean;
  /** The card was authenticated and saved for off-session use earlier. */
  offSessionReady: boolean;
  /** The cardholder just passed 3-D Secure for this operation. */
  authenticated: boolean;
};
export type Outcome =
  | { result: 'ok' }
  | { result: 'declined'; decline: Decline }
  | { result: 'needs_authentication' };

/** What the card network says for this use of the card. */
export function outcomeFor(behaviour: CardBehaviour, situation: Situation): Outcome {
  const { operation, offSession, offSessionReady, authenticated } = situation;
  switch (behaviour.kind) {
    case 'succeeds':
      return { result: 'ok' };
    case 'declined':
      return { result: 'declined', decline: behaviour.decline };
    case 'declines_charges':
      return operation === 'charge' ? { result: 'declined', decline: behaviour.decline } : { result: 'ok' };
    case 'authentication_unless_set_up':
      if (
        operation === 'attach' ||
        authenticated ||
        (operation === 'charge' && offSession && offSessionReady)
      ) {
        return { result: 'ok' };
      }
      return offSession
        ? { result: 'declined', decline: AUTHENTICATION_REQUIRED }
        : { result: 'needs_authentication' };
    case 'authentication_always':
      if (operation === 'attach' || authenticated) return { result: 'ok' };
      return offSession
        ? { result: 'declined', decline: AUTHENTICATION_REQUIRED }
        : { result: 'needs_authentication' };
  }
}
