import { ZEmail } from '@portal/shared/schemas/common';
import { describe, expect, it } from 'vitest';
import { isEmailAddress } from '@/lib/email';

describe('isEmailAddress', () => {
  it.each([
    'alex@northwind.example',
    '  Alex@Northwind.Example ',
    'a.b+c@x.co',
    'no-at-sign',
    'a@b',
    '',
    `${'a'.repeat(250)}@x.co`,
  ])('agrees with the server’s ZEmail for %j', (value) => {
    expect(isEmailAddress(value)).toBe(ZEmail.safeParse(value).success);
  });
});
