// Ops: GET /api/ops/mailbox (filtered list) and GET /api/ops/mailbox/:id (one message with its bodies).

import type { TMailboxQuery } from '@portal/shared/schemas/notifications';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export type MailboxFilters = { to: string; status: TMailboxQuery['status'] | ''; offset: number };
export const MAILBOX_PAGE = 50;

function toQuery(filters: MailboxFilters) {
  return {
    limit: String(MAILBOX_PAGE),
    offset: String(filters.offset),
    ...(filters.to.trim() ? { to: filters.to.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
}

export function mailboxQueryKey(filters: MailboxFilters) {
  return ['ops', 'mailbox', filters] as const;
}

export async function getMailbox(filters: MailboxFilters) {
  return (await unwrap(api.ops.mailbox.$get({ query: toQuery(filters) }))).emails;
}

export function useMailbox(filters: MailboxFilters) {
  return useQuery(
    queryOptions({
      queryKey: mailboxQueryKey(filters),
      queryFn: () => getMailbox(filters),
      placeholderData: keepPreviousData,
    }),
  );
}

export async function getMailboxMessage(id: string) {
  return (await unwrap(api.ops.mailbox[':id'].$get({ param: { id } }))).email;
}

export function useMailboxMessage(id: string) {
  return useQuery(
    queryOptions({ queryKey: ['ops', 'mailbox', 'message', id], queryFn: () => getMailboxMessage(id) }),
  );
}
