// Stripe-like random identifiers (`cus_…`, `pi_…`, `cs_test_…`) and secrets.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 string of the given length. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** Stripe's id lengths vary by prefix; these match what the live API returns in test mode. */
const LENGTHS: Record<string, number> = { cus: 14, cs_test: 58, evt: 24, req: 14 };

export function newId(prefix: string): string {
  return `${prefix}_${randomToken(LENGTHS[prefix] ?? 24)}`;
}

export function clientSecret(id: string): string {
  return `${id}_secret_${randomToken(25)}`;
}
