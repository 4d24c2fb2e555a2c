import { z } from 'zod';

export const OUTBOX_STATUSES = ['captured', 'pending', 'sending', 'sent', 'failed'] as const;

export const ZMailboxQuery = z.object({
  to: z.string().trim().toLowerCase().max(254).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type TMailboxQuery = z.infer<typeof ZMailboxQuery>;

export const ZMailboxEntry = z.object({
  id: z.string(),
  to: z.string(),
  template: z.string(),
  locale: z.string(),
  subject: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type TMailboxEntry = z.infer<typeof ZMailboxEntry>;

export const ZMailboxMessage = ZMailboxEntry.extend({ text: z.string(), html: z.string() });
export type TMailboxMessage = z.infer<typeof ZMailboxMessage>;
