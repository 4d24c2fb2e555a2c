// "View as customer" (decision 021). An ops user's own session is marked, for 30 minutes at most, as viewing
// one account: the session middleware then presents the request as a read-only member of that account, and
// `readOnlyWhileViewingAs` refuses every request that is not a read, except the two ways out (ending the view,
// signing out). No customer credential is created, read or used: the session and its cookie stay the ops
// user's, and everything done is audited under the ops user's name.

import type { MiddlewareHandler } from 'hono';
import { recordAudit } from '../../platform/audit/service.ts';
import type { AppDeps, AppEnv, AuthState, SessionUser } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getAccountBrief } from '../accounts/service.ts';
import { setSessionViewAs } from '../auth/service.ts';

export const VIEW_AS_MINUTES = 30;
/** The only requests other than reads that a session viewing as a customer may make. */
export const VIEW_AS_EXITS = ['/api/ops/view-as/end', '/api/auth/sign-out'] as const;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Mounted after the session is loaded: 403 for anything but a read (or a way out) while viewing as. */
export function readOnlyWhileViewingAs(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.get('auth');
    if (
      auth?.viewAs &&
      !READS.has(c.req.method) &&
      !(VIEW_AS_EXITS as readonly string[]).includes(c.req.path)
    ) {
      throw new AppError(
        'forbidden',
        'You are viewing as a customer: nothing can be changed. End the view first.',
      );
    }
    await next();
  };
}

export async function startViewAs(
  deps: AppDeps,
  staff: SessionUser,
  sessionId: string,
  accountId: string,
  reason: string,
) {
  const account = await getAccountBrief(deps, accountId);
  const now = deps.clock.now();
  const until = new Date(now.getTime() + VIEW_AS_MINUTES * 60_000).toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await setSessionViewAs(tx, sessionId, { accountId, until });
    await recordAudit(tx, {
      actor: { userId: staff.id, label: staff.email },
      accountId,
      entityType: 'account',
      entityId: accountId,
      action: 'ops.view_as_started',
      after: { until },
      reason,
      at: now,
    });
  });
  return { accountId, accountName: account.name, until };
}

/** Ends the view (the session is the ops user's again); 409 when the session is not viewing as anyone. */
export async function endViewAs(deps: AppDeps, auth: AuthState): Promise<{ accountId: string }> {
  const viewAs = auth.viewAs;
  if (!viewAs) throw new AppError('conflict', 'You are not viewing as a customer.');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await setSessionViewAs(tx, auth.sessionId, null);
    await recordAudit(tx, {
      actor: { userId: viewAs.staff.id, label: viewAs.staff.email },
      accountId: viewAs.accountId,
      entityType: 'account',
      entityId: viewAs.accountId,
      action: 'ops.view_as_ended',
      at: now,
    });
  });
  return { accountId: viewAs.accountId };
}

/** What the web app shows in its banner (`/me`), or null. */
export async function describeViewAs(deps: AppDeps, auth: AuthState | null) {
  if (!auth?.viewAs) return null;
  const account = await getAccountBrief(deps, auth.viewAs.accountId);
  return {
    accountId: auth.viewAs.accountId,
    accountName: account.name,
    until: auth.viewAs.until,
    staffName: auth.viewAs.staff.name,
  };
}
