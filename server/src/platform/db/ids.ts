// Prefixed, unguessable ids ("sub_0mh3k2c9q3kq..."): the prefix says what an id names in logs and URLs.
// After the prefix, the creation time (milliseconds, base 36, 9 characters: sorts as text until the year
// 5188) then 80 random bits (base32), as ULIDs do: ids made together sort together, so a bulk insert touches
// a few neighbouring pages of each index on an id instead of one random page per row (decision 025). The
// time is the machine's, not `deps.clock`: it orders storage, it means nothing to the business.
// The random bytes come from a pool refilled by one `getRandomValues` call per 4 KiB (as Node's own
// `randomUUID` does): a call per id cost ~20 µs under load.

import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

const RANDOM_BYTES = 10;
const POOL_BYTES = RANDOM_BYTES * 410;
const pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;

export function newId(prefix: string): string {
  if (offset + RANDOM_BYTES > POOL_BYTES) {
    crypto.getRandomValues(pool);
    offset = 0;
  }
  const random = pool.subarray(offset, offset + RANDOM_BYTES);
  offset += RANDOM_BYTES;
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${encodeBase32LowerCaseNoPadding(random)}`;
}
