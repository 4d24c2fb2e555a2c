// Who hears about a subscription's renewal, the portal links in those e-mails, and enqueueing one e-mail per
// recipient with a dedupe key derived from the action, so a repeated action never sends twice.

import type { CalendarDate } from '@portal/shared/dates';
import type { DbOrTx } from '../../platform/db/connection.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { enqueueEmail } from '../../platform/notifications/service.ts';
import type { EmailLocale, RenderedEmail } from '../../platform/notifications/templates/types.ts';
import { asEmailLocale } from '../../platform/notifications/templates/types.ts';
import { billingContacts } from '../accounts/service.ts';
import { createOptOutToken } from './links.ts';

/** The account's active admins and its billing e-mail, each once. */
export async function renewalRecipients(
  deps: AppDeps,
  account: { id: string; billingEmail: string | null },
): Promise<string[]> {
  return billingContacts(deps, account);
}

export function portalLinks(publicUrl: string, subscriptionId: string) {
  const sub = encodeURIComponent(subscriptionId);
  return {
    manage: `${publicUrl}/subscriptions/${sub}/auto-renew`,
    offers: `${publicUrl}/subscriptions/${sub}/offers`,
    valueReport: `${publicUrl}/subscriptions/${sub}/value-report`,
    reminderSettings: `${publicUrl}/subscriptions/${sub}/auto-renew#reminders`,
    quote: (quoteId: string) => `${publicUrl}/quotes/${encodeURIComponent(quoteId)}`,
  };
}

export async function optOutUrl(
  deps: AppDeps,
  db: DbOrTx,
  input: { subscriptionId: string; validThrough: CalendarDate },
): Promise<string> {
  const token = await createOptOutToken(db, {
    ...input,
    now: deps.clock.now(),
    secrets: deps.config.optOutLinkSecrets,
  });
  return `${deps.config.publicUrl}/auto-renew/off?token=${encodeURIComponent(token)}`;
}

/** Enqueues the same e-mail to each recipient inside the caller's transaction; returns how many were new. */
export async function enqueueToRecipients(
  tx: DbOrTx,
  deps: AppDeps,
  input: {
    recipients: readonly string[];
    accountId: string | null;
    template: string;
    locale: EmailLocale;
    content: RenderedEmail;
    /** The action's key: each recipient's e-mail is deduplicated on `<dedupePrefix>:<address>`. */
    dedupePrefix: string;
  },
): Promise<number> {
  let enqueued = 0;
  for (const to of input.recipients) {
    const isNew = await enqueueEmail(
      tx,
      { now: deps.clock.now(), isSmtpConfigured: Boolean(deps.config.smtpUrl) },
      {
        to,
        accountId: input.accountId,
        template: input.template,
        locale: input.locale,
        content: input.content,
        dedupeKey: `${input.dedupePrefix}:${to}`,
      },
    );
    if (isNew) enqueued++;
  }
  return enqueued;
}

export function accountLocale(locale: string): EmailLocale {
  return asEmailLocale(locale);
}
