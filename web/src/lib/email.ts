// The client-side e-mail check of the sign-in and invitation forms: the same rule as the server's ZEmail
// (trimmed, lower-cased, zod's e-mail pattern, at most 254 characters), taking only zod's pattern so the
// whole validation library stays out of the sign-in page's first load.

import { regexes } from 'zod/v4/core';

export function isEmailAddress(value: string): boolean {
  const email = value.trim().toLowerCase();
  return email.length <= 254 && regexes.email.test(email);
}
