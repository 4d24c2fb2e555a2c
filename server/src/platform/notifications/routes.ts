// HTTP for the ops mailbox (ops only).

import { ZMailboxQuery } from '@portal/shared/schemas/notifications';
import { Hono } from 'hono';
import { allow, requireRole } from '../auth/guards.ts';
import type { AppDeps, AppEnv } from '../http/context.ts';
import { validate } from '../http/validate.ts';
import { listMailbox, readMailboxMessage } from './mailbox.ts';

export function createMailboxRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('ops'), validate('query', ZMailboxQuery), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ emails: await listMailbox(deps, c.req.valid('query')) }, 200);
    })
    .get('/:id', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ email: await readMailboxMessage(deps, c.req.param('id')) }, 200);
    });
}
