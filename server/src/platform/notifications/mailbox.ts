// The ops mailbox: every e-mail the portal produced, captured (no SMTP) or delivered, with delivery failures.

import type { TMailboxEntry, TMailboxMessage, TMailboxQuery } from '@portal/shared/schemas/notifications';
import type { AppDeps } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { findOutboxEmail, listOutbox } from './repo.ts';

type OutboxRow = NonNullable<Awaited<ReturnType<typeof findOutboxEmail>>>;

function toEntry(row: OutboxRow): TMailboxEntry {
  return {
    id: row.id,
    to: row.to_address,
    template: row.template,
    locale: row.locale,
    subject: row.subject,
    status: row.status as TMailboxEntry['status'],
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export async function listMailbox(deps: AppDeps, query: TMailboxQuery): Promise<TMailboxEntry[]> {
  const rows = await listOutbox(deps.db, query);
  return rows.map(toEntry);
}

export async function readMailboxMessage(deps: AppDeps, id: string): Promise<TMailboxMessage> {
  const row = await findOutboxEmail(deps.db, id);
  if (!row) throw notFound('No such e-mail');
  return { ...toEntry(row), text: row.text_body, html: row.html_body };
}
