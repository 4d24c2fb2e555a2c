import { createHash } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { hashToken } from './session.ts';

describe('hashToken', () => {
  it('is the lower-case hex SHA-256 of the token, as stored for every existing session and key', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const token of ['', 'k4v2x7q9t3n8m1p6r5s0w2y4z6', 'jeton-é-令牌']) {
      expect(hashToken(token)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
      expect(hashToken(token)).toBe(createHash('sha256').update(Buffer.from(token, 'utf8')).digest('hex'));
    }
  });
});
