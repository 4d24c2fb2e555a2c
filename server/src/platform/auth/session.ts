// Sessions the Lucia way (docs/decisions/001-sessions-without-lucia.md): a random token goes in an httpOnly
// cookie, only its SHA-256 is stored, and the expiry slides forward when the session is used.

import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export const SESSION_COOKIE = 'portal_session';
/** On https the cookie is `__Host-` prefixed: the browser then insists on Secure, Path=/ and no Domain. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export function sessionCookieName(isSecure: boolean): string {
  return isSecure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}
const DAY_MS = 86_400_000;

/** 160 random bits, base32: the secret the browser holds. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What is stored: the hash of a token, so a leaked database cannot be used to sign in. */
export function hashToken(token: string): string {
  // node:crypto's native SHA-256 (the same hex digest as @oslojs/crypto's, a fraction of the cost per request).
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `ttlDays` from now (sliding), but never past `maxDays` after the sign-in (absolute). */
export function sessionExpiry(now: Date, ttlDays: number, createdAt: Date, maxDays: number): Date {
  return new Date(Math.min(now.getTime() + ttlDays * DAY_MS, createdAt.getTime() + maxDays * DAY_MS));
}

export function isPastAbsoluteLifetime(createdAt: Date, now: Date, maxDays: number): boolean {
  return now.getTime() >= createdAt.getTime() + maxDays * DAY_MS;
}

/** Extend when less than half the lifetime is left, so an active user stays signed in without a write per request. */
export function shouldExtend(expiresAt: Date, now: Date, ttlDays: number): boolean {
  return expiresAt.getTime() - now.getTime() < (ttlDays * DAY_MS) / 2;
}
