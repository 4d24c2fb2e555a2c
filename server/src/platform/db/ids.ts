// Random, prefixed, unguessable ids ("sub_3kq..."): the prefix says what an id names in logs and URLs.
// The random bytes come from a pool refilled by one `getRandomValues` call per 4 KiB (as Node's own
// `randomUUID` does): a call per id cost ~20 µs under load, the most of a bulk import's CPU after SQL.

import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

const ID_BYTES = 12;
const POOL_BYTES = ID_BYTES * 341;
const pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;

export function newId(prefix: string): string {
  if (offset + ID_BYTES > POOL_BYTES) {
    crypto.getRandomValues(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return `${prefix}_${encodeBase32LowerCaseNoPadding(bytes)}`;
}
