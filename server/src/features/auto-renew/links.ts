// The one-click link in every auto-renew notice: an HMAC-signed token naming the subscription and the day the
// link stops working. It works without signing in and leads to a page that asks for confirmation; it can only
// turn auto-renew off, never on. Secrets come from OPTOUT_LINK_SECRETS (newest first): links are signed with
// the first and accepted with any, so rotating (prepend a new one, drop the old once its links have expired)
// breaks no link already sent. The secret this feature once kept in the database is still accepted, for links
// sent before, and is used for signing only when no secret is configured (development and demo; production
// requires the setting, config.ts).

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { addDays, type CalendarDate, daysBetween } from '@portal/shared/dates';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { fromJson } from '../../platform/db/json.ts';
import * as settings from '../../platform/settings/settings.ts';

const SECRET_KEY = 'auto_renew.link_secret';
const EPOCH: CalendarDate = '1970-01-01';

// The secret never changes once made: read once per database.
const secrets = new WeakMap<object, Buffer>();

async function linkSecret(db: DbOrTx, now: Date): Promise<Buffer> {
  const cached = secrets.get(db);
  if (cached) return cached;
  const secret = await readOrMakeSecret(db, now);
  secrets.set(db, secret);
  return secret;
}

async function readOrMakeSecret(db: DbOrTx, now: Date): Promise<Buffer> {
  const existing = await settings.findSetting(db, SECRET_KEY);
  if (!existing) {
    await settings.writeSettingIfAbsent(db, SECRET_KEY, randomBytes(32).toString('base64'), now);
  }
  const row = existing ?? (await settings.findSetting(db, SECRET_KEY));
  const value = fromJson<string>(row?.value_json, '');
  if (!value) throw new Error('no link secret');
  return Buffer.from(value, 'base64');
}

/** The database-kept secret: always when nothing is configured; otherwise only if it exists (old links). */
async function legacySecret(
  db: DbOrTx,
  input: { now: Date; secrets?: readonly string[] },
): Promise<Buffer[]> {
  if (!input.secrets?.length) return [await linkSecret(db, input.now)];
  const cached = secrets.get(db);
  if (cached) return [cached];
  const row = await settings.findSetting(db, SECRET_KEY);
  const value = fromJson<string>(row?.value_json, '');
  return value ? [Buffer.from(value, 'base64')] : [];
}

function sign(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** A token for turning off auto-renew of the subscription, valid through `validThrough` (a calendar date). */
export async function createOptOutToken(
  db: DbOrTx,
  input: { subscriptionId: string; validThrough: CalendarDate; now: Date; secrets?: readonly string[] },
): Promise<string> {
  const payload = `off.${input.subscriptionId}.${daysBetween(EPOCH, input.validThrough)}`;
  const configured = input.secrets?.[0];
  const secret = configured ? Buffer.from(configured) : await linkSecret(db, input.now);
  return `${Buffer.from(payload).toString('base64url')}.${sign(secret, payload)}`;
}

export type OptOutToken = { subscriptionId: string; validThrough: CalendarDate };

/** The subscription a token names, or null when it is forged, damaged or expired (after `validThrough`). */
export async function verifyOptOutToken(
  db: DbOrTx,
  token: string,
  input: { today: CalendarDate; now: Date; secrets?: readonly string[] },
): Promise<OptOutToken | null> {
  const [encoded, signature] = token.split('.');
  if (!encoded || !signature) return null;
  const payload = Buffer.from(encoded, 'base64url').toString();
  const given = Buffer.from(signature);
  const candidates = [
    ...(input.secrets ?? []).map((secret) => Buffer.from(secret)),
    ...(await legacySecret(db, input)),
  ];
  const matches = candidates.some((secret) => {
    const expected = Buffer.from(sign(secret, payload));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!matches) return null;
  const match = /^off\.([A-Za-z0-9_]+)\.(\d+)$/.exec(payload);
  if (!match?.[1] || !match[2]) return null;
  const validThrough = addDays(EPOCH, Number(match[2]));
  if (validThrough < input.today) return null;
  return { subscriptionId: match[1], validThrough };
}
