// What every request carries through Hono's context, and the dependencies every feature router is built with.

import type { AdjustableClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import type { HookRegistry } from '../hooks.ts';
import type { JobEngine } from '../jobs/engine.ts';
import type { Logger } from '../logger.ts';
import type { LocalInbox } from '../notifications/local-inbox.ts';
import type { StripeClient } from '../stripe/client.ts';

export type SessionUser = {
  id: string;
  accountId: string | null;
  email: string;
  name: string;
  role: 'customer_admin' | 'customer_member' | 'finance' | 'ops';
  locale: 'en' | 'zh-CN';
};

/**
 * An ops user viewing one account as its customers see it (decision 021): `user` is then a read-only
 * customer member of that account (the staff user's id, name and e-mail), and `viewAs.staff` the real user.
 * The session stays the staff user's; every request but GET is refused while it lasts.
 */
export type ViewAsState = { staff: SessionUser; accountId: string; until: string };

export type AuthState = { user: SessionUser; sessionId: string; viewAs?: ViewAsState };

export type AppEnv = {
  Variables: {
    auth: AuthState | null;
    requestId: string;
    clientIp: string;
  };
};

/** The composition root hands these to each feature's router and services. */
export type AppDeps = {
  db: Db;
  clock: AdjustableClock;
  config: Config;
  logger: Logger;
  stripe: {
    client: StripeClient;
    webhookSecret: string;
    /** True when talking to the project's emulator (never with a real key): enables demo-only tools. */
    isEmulated: boolean;
  };
  /** Reactions between features, registered at the composition root (server/src/hooks.ts). */
  hooks: HookRegistry;
  /** Without SMTP: where e-mails carrying a sign-in or invitation link go instead (never to staff). */
  localInbox?: LocalInbox;
  /** The job engine, where the server runs one (features queue one-off work on it); scripts and tests: none. */
  jobs?: JobEngine;
};
