// The outbox: features hand it an e-mail to send; it renders nothing itself. With SMTP configured the e-mail
// waits for the delivery worker ('pending'); without, it is kept ('captured') for the ops mailbox page.
// Enqueue inside the caller's transaction so an e-mail exists exactly when the change that caused it does.

import type { DbOrTx } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { findOutboxEmail, insertOutboxEmail, listOutbox } from './repo.ts';
import type { RenderedEmail } from './templates/types.ts';

export type EmailToSend = {
  to: string;
  accountId: string | null;
  template: string;
  locale: string;
  content: RenderedEmail;
  /** Set it when a retry of the same job could enqueue the same e-mail again. */
  dedupeKey?: string;
};

export type OutboxContext = { now: Date; isSmtpConfigured: boolean };

/** Idempotent per dedupe key. Returns false when an e-mail with that key was already enqueued. */
export async function enqueueEmail(tx: DbOrTx, context: OutboxContext, email: EmailToSend): Promise<boolean> {
  const nowIso = context.now.toISOString();
  return insertOutboxEmail(tx, {
    id: newId('eml'),
    account_id: email.accountId,
    to_address: email.to,
    template: email.template,
    locale: email.locale,
    subject: email.content.subject,
    text_body: email.content.text,
    html_body: email.content.html,
    status: context.isSmtpConfigured ? 'pending' : 'captured',
    next_attempt_at: context.isSmtpConfigured ? nowIso : null,
    last_error: null,
    dedupe_key: email.dedupeKey ?? null,
    created_at: nowIso,
    sent_at: null,
  });
}

export { findOutboxEmail, listOutbox };
