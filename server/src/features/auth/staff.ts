// The first staff user of a portal started from an empty database (decision 026): `pnpm ops:create-user`
// creates it here, with a random password printed once by the script. Audited; an e-mail already in use
// (staff or customer) is refused, so running it twice for the same address changes nothing.

import { recordAudit } from '../../platform/audit/service.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { generateToken } from '../../platform/auth/session.ts';
import { newId } from '../../platform/db/ids.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import * as repo from './repo.ts';

export type NewStaffUser = { email: string; name: string; role: 'ops' | 'finance' };

/** Creates an active staff user with a random password (returned once, never stored in clear). */
export async function createStaffUser(
  deps: AppDeps,
  input: NewStaffUser,
  actorLabel: string,
): Promise<{ id: string; email: string; password: string }> {
  const email = input.email.trim().toLowerCase();
  // 32 base32 characters (160 random bits): far past the password policy's score.
  const password = generateToken();
  const passwordHash = await hashPassword(password);
  const id = newId('usr');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    if (await repo.findUserByEmail(tx, email)) {
      throw new AppError(
        'conflict',
        `A user with the e-mail ${email} already exists; nothing was changed. Sign in with the password printed when it was created, or create a user with another e-mail.`,
      );
    }
    await repo.insertStaffUser(tx, {
      id,
      email,
      name: input.name,
      role: input.role,
      passwordHash,
      nowIso: now.toISOString(),
    });
    await recordAudit(tx, {
      actor: { userId: null, label: actorLabel },
      accountId: null,
      entityType: 'user',
      entityId: id,
      action: 'user.staff_created',
      after: { email, name: input.name, role: input.role },
      at: now,
    });
  });
  return { id, email, password };
}
