// Random, prefixed, unguessable ids ("sub_3kq..."): the prefix says what an id names in logs and URLs.

import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export function newId(prefix: string): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `${prefix}_${encodeBase32LowerCaseNoPadding(bytes)}`;
}
