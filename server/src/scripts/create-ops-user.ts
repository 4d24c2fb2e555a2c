// `pnpm ops:create-user --email ops@vendor.example [--name "Ops Team"] [--role ops|finance]`: the first staff
// user of a portal started from an empty database (decision 026). Creates the user through auth's service
// (audited) on DATABASE_URL or DATABASE_PATH, migrating first, and prints its password once: it is stored only
// as an argon2 hash. Refuses, changing nothing, when the e-mail is already a user.

import { parseArgs } from 'node:util';
import { ZEmail } from '@portal/shared/schemas/common';
import { createStaffUser } from '../features/auth/service.ts';
import type { AppDeps } from '../platform/http/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { createRuntime } from '../runtime.ts';
import { exitWith } from './exit-with.ts';

const USAGE =
  'Usage: pnpm ops:create-user --email ops@vendor.example [--name "Ops Team"] [--role ops|finance]';

export type Output = { out: (text: string) => void; err: (text: string) => void };

/** The script's work on an open runtime; returns the exit code. */
export async function createOpsUserCommand(deps: AppDeps, args: string[], io: Output): Promise<number> {
  let values: { email?: string; name?: string; role?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const email = ZEmail.safeParse(values.email ?? '');
  if (!email.success) {
    io.err(`--email must be an e-mail address\n${USAGE}\n`);
    return 2;
  }
  const role = values.role ?? 'ops';
  if (role !== 'ops' && role !== 'finance') {
    io.err(`--role must be ops or finance\n${USAGE}\n`);
    return 2;
  }
  const name = values.name?.trim() || (role === 'ops' ? 'Operations' : 'Finance');
  try {
    const user = await createStaffUser(
      deps,
      { email: email.data, name, role },
      'bootstrap:pnpm ops:create-user',
    );
    io.out(
      [
        `Created the ${role} user ${user.email}.`,
        `Password (shown once, not stored in clear): ${user.password}`,
        `Sign in at ${deps.config.publicUrl}/sign-in with it.`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function main(): Promise<number> {
  const runtime = await createRuntime();
  try {
    return await createOpsUserCommand(runtime, process.argv.slice(2), {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
  } finally {
    await runtime.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) exitWith(main, 'Creating the user failed');
