// The outbox: features hand it an e-mail to send; it renders nothing itself. With SMTP configured the e-mail
// waits for the delivery worker ('pending'); without, it is kept ('captured') for the ops mailbox page.
// Enqueue inside the caller's transaction so an e-mail exists exactly when the change that caused it does.
// An e-mail carrying a credential comes with a `staffCopy` (the link replaced by a note): that copy is what
// the outbox keeps for staff; the real one is kept only until SMTP delivery, and without SMTP it goes to the
// local inbox (the server's console) and is never stored.

import type { DbOrTx } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import type { LocalInbox } from './local-inbox.ts';
import {
  countEmailsOfKey,
  findOutboxEmail,
  insertOutboxEmail,
  listEmailsOfAccount,
  listOutbox,
} from './repo.ts';
import type { RenderedEmail } from './templates/types.ts';

export type EmailToSend = {
  to: string;
  accountId: string | null;
  template: string;
  locale: string;
  content: RenderedEmail;
  /** Set it when a retry of the same job could enqueue the same e-mail again. */
  dedupeKey?: string;
  /** For an e-mail carrying a credential: the same e-mail with the link removed, the only copy staff see. */
  staffCopy?: RenderedEmail;
};

export type OutboxContext = {
  now: Date;
  isSmtpConfigured: boolean;
  /** Without SMTP, where an e-mail with a `staffCopy` is handed instead of being stored whole. */
  localInbox?: LocalInbox;
};

/** The context for e-mails from a request or job. */
export function outboxContext(
  deps: { config: { smtpUrl: string | undefined }; localInbox?: LocalInbox },
  now: Date,
): OutboxContext {
  return {
    now,
    isSmtpConfigured: Boolean(deps.config.smtpUrl),
    ...(deps.localInbox ? { localInbox: deps.localInbox } : {}),
  };
}

/** Idempotent per dedupe key. Returns false when an e-mail with that key was already enqueued. */
export async function enqueueEmail(tx: DbOrTx, context: OutboxContext, email: EmailToSend): Promise<boolean> {
  const nowIso = context.now.toISOString();
  const stored = email.staffCopy ?? email.content;
  const keepPrivate = Boolean(email.staffCopy) && context.isSmtpConfigured;
  const inserted = await insertOutboxEmail(tx, {
    id: newId('eml'),
    account_id: email.accountId,
    to_address: email.to,
    template: email.template,
    locale: email.locale,
    subject: stored.subject,
    text_body: stored.text,
    html_body: stored.html,
    private_text_body: keepPrivate ? email.content.text : null,
    private_html_body: keepPrivate ? email.content.html : null,
    status: context.isSmtpConfigured ? 'pending' : 'captured',
    next_attempt_at: context.isSmtpConfigured ? nowIso : null,
    last_error: null,
    dedupe_key: email.dedupeKey ?? null,
    created_at: nowIso,
    sent_at: null,
  });
  if (inserted && email.staffCopy && !context.isSmtpConfigured) {
    context.localInbox?.({
      to: email.to,
      template: email.template,
      subject: email.content.subject,
      text: email.content.text,
    });
  }
  return inserted;
}

export { findOutboxEmail, listEmailsOfAccount, listOutbox };

/** E-mails of a dedupe key (all the recipients of one message) that went out: sent, or captured without SMTP. */
export function countDeliveredEmails(db: DbOrTx, dedupePrefix: string): Promise<number> {
  return countEmailsOfKey(db, dedupePrefix, { in: ['sent', 'captured'] });
}

/** E-mails of a dedupe key still on their way (pending or being retried). */
export function countPendingEmails(db: DbOrTx, dedupePrefix: string): Promise<number> {
  return countEmailsOfKey(db, dedupePrefix, { notIn: ['sent', 'captured', 'failed'] });
}
