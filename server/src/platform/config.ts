// The environment, parsed once at boot by one zod schema; nothing else in the server reads process.env.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/portal.db'),
  /** postgres://user:password@host:5432/portal selects PostgreSQL instead of the SQLite file (decision 013). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL (leave unset for the SQLite file at DATABASE_PATH)')
    .optional(),
  /** PostgreSQL connections per process (decision 022); N instances open N × this. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  PUBLIC_URL: z.url().optional(),
  /** Extra origins allowed to make state-changing requests (comma-separated), e.g. the Vite dev server. */
  ALLOWED_ORIGINS: z.string().default(''),
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(12111),
  /** Where the emulator listens: loopback unless told otherwise (it is a test double, not a service). */
  STRIPE_EMULATOR_HOST: z.string().default('127.0.0.1'),
  /** The one API key the emulator accepts, and the secret of its control endpoints (/_emulator); random per
   * start, shared with scripts through a 0600 file beside the database, when not set (local-secrets.ts). */
  STRIPE_EMULATOR_SECRET_KEY: z
    .string()
    .regex(/^sk_test_\w{16,}$/, 'sk_test_ and 16+ characters')
    .optional(),
  STRIPE_EMULATOR_CONTROL_SECRET: z.string().min(24).optional(),
  STRIPE_EMULATOR_DATABASE_PATH: z.string().optional(),
  /** An emulator another process runs (several instances on one emulator): used instead of starting one here;
   * set STRIPE_EMULATOR_SECRET_KEY and STRIPE_WEBHOOK_SECRET to the ones it was started with. */
  STRIPE_EMULATOR_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Renewals <renewals@vendor.example>'),
  PORTAL_TIME_ZONE: z.string().default('UTC'),
  GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** The renewal run: the hour (vendor's time zone) it starts each day, dunning, ops alerts. */
  RENEWAL_RUN_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  /** One Stripe rate budget per account, shared by every process and caller (Stripe allows 25/s in test
   * mode); the burst is what may go at once after a quiet spell, so rate + burst stays under 25 in a second. */
  STRIPE_RATE_PER_SECOND: z.coerce.number().min(0).max(100).default(20),
  STRIPE_RATE_BURST: z.coerce.number().min(1).max(100).default(5),
  DUNNING_DAYS: z
    .string()
    .regex(/^0(,\s*\d{1,3})*$/, 'comma-separated days after the first attempt, starting with 0, e.g. 0,3,7')
    .default('0,3,7'),
  OPS_ALERT_EMAIL: z.email().default('ops@vendor.example'),
  DEMO: booleanFromEnv.default(false),
  /** How many reverse proxies in front of the portal append to X-Forwarded-For: a number, or true for one. */
  TRUST_PROXY: z
    .union([z.coerce.number().int().min(0).max(10), booleanFromEnv])
    .default(0)
    .transform((value) => (typeof value === 'number' ? value : value ? 1 : 0)),
  /** Secrets signing one-click opt-out links, newest first (comma-separated, 32+ characters each): links are
   * signed with the first and accepted with any, so an old secret stays listed until its links expire. */
  OPTOUT_LINK_SECRETS: z.string().optional(),
  /** Requests served at once past which more are answered 503 with Retry-After (load shedding). */
  MAX_IN_FLIGHT_REQUESTS: z.coerce.number().int().min(1).max(100_000).default(512),
  /** Handler time per event-loop turn (ms) past which requests wait for a later turn, so new connections are
   * taken under load (platform/http/turn-budget.ts); 0 turns it off. */
  TURN_BUDGET_MS: z.coerce.number().min(0).max(1_000).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_PATH: z.string().default(() => join(workspaceRoot(), 'web/dist')),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Requests per minute one API key may make to the usage API (/api/v1). */
  USAGE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  /** Absolute session lifetime from sign-in, however active the session (the sliding TTL is capped by it). */
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** The hour (vendor's time zone) of the daily finance sync and reconciliation. */
  FINANCE_SYNC_HOUR: z.coerce.number().int().min(0).max(23).default(4),
  // How long a job's lease (and the claims of its run) outlive a holder that stopped renewing (killed with -9),
  // and how often daily jobs check whether their day has come (decision 023).
  JOB_LEASE_TTL_MS: z.coerce.number().int().min(3_000).max(600_000).default(60_000),
  JOB_DAILY_CHECK_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL's URL when set; the SQLite file at `databasePath` otherwise. */
  databaseUrl: string | undefined;
  /** PostgreSQL connections per process. */
  databasePoolSize: number;
  publicUrl: string;
  allowedOrigins: string[];
  isSecureCookie: boolean;
  stripe: {
    secretKey: string | undefined;
    webhookSecret: string | undefined;
    emulatorPort: number;
    emulatorHost: string;
    emulatorDatabasePath: string;
    /** An external emulator (not started by this process); unset: this process runs one on emulatorPort. */
    emulatorUrl: string | undefined;
    emulatorSecretKey: string | undefined;
    emulatorControlSecret: string | undefined;
    /** The shared rate budget (0: no limit). */
    ratePerSecond: number;
    rateBurst: number;
  };
  smtpUrl: string | undefined;
  mailFrom: string;
  timeZone: string;
  graceDays: number;
  renewals: { runHour: number; dunningDays: number[]; opsAlertEmail: string };
  isDemo: boolean;
  /** Trusted reverse proxies in front of the portal (0: the socket's address is the client's). */
  trustedProxies: number;
  /** Opt-out link secrets, newest first; empty: a generated one from the local secrets file (not production). */
  optOutLinkSecrets: string[];
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  maxInFlightRequests: number;
  turnBudgetMs: number;
  webDistPath: string;
  sessionTtlDays: number;
  sessionMaxDays: number;
  usageRequestsPerMinute: number;
  /** Folder of the database file: the local secrets file lives there. */
  dataDir: string;
  financeSyncHour: number;
  jobs: { leaseTtlMs: number; dailyCheckMs: number };
};

export class ConfigError extends Error {}

/**
 * The folder holding pnpm-workspace.yaml, found upwards from this module: it sits at a different depth in the
 * sources (server/src/platform) and in the bundle (server/dist/chunks), so no fixed relative path serves both.
 */
function workspaceRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

function parseSecrets(value: string | undefined): string[] {
  const secrets = (value ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  const short = secrets.find((secret) => secret.length < 32);
  if (short !== undefined) {
    throw new ConfigError('Invalid configuration:\n  OPTOUT_LINK_SECRETS: each secret needs 32+ characters');
  }
  return secrets;
}

/** Parses the environment (or an override for tests); throws a readable error listing every bad variable. */
export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  defaults: Record<string, string> = {},
): Config {
  // An empty variable means "not set" (e.g. `STRIPE_SECRET_KEY=` to force the emulator).
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ZEnv.safeParse({ ...defaults, ...present });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  try {
    new Intl.DateTimeFormat('en', { timeZone: env.PORTAL_TIME_ZONE });
  } catch {
    throw new ConfigError(
      `Invalid configuration:\n  PORTAL_TIME_ZONE: unknown time zone ${env.PORTAL_TIME_ZONE}`,
    );
  }
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY (see the README)',
    );
  }
  if (env.SESSION_TTL_DAYS > env.SESSION_MAX_DAYS) {
    throw new ConfigError('Invalid configuration:\n  SESSION_TTL_DAYS: must not exceed SESSION_MAX_DAYS');
  }
  if (env.NODE_ENV === 'production' && !env.DEMO && parseSecrets(env.OPTOUT_LINK_SECRETS).length === 0) {
    throw new ConfigError(
      'Invalid configuration:\n  OPTOUT_LINK_SECRETS: required in production (e.g. `openssl rand -base64 32`)',
    );
  }
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const databaseDir =
    env.DATABASE_PATH === ':memory:' ? './data' : env.DATABASE_PATH.replace(/[^/]*$/, '') || '.';
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databasePath: env.DATABASE_PATH,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    publicUrl,
    allowedOrigins: [
      new URL(publicUrl).origin,
      ...env.ALLOWED_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ],
    isSecureCookie: publicUrl.startsWith('https://'),
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
      emulatorPort: env.STRIPE_EMULATOR_PORT,
      emulatorHost: env.STRIPE_EMULATOR_HOST,
      emulatorSecretKey: env.STRIPE_EMULATOR_SECRET_KEY,
      emulatorControlSecret: env.STRIPE_EMULATOR_CONTROL_SECRET,
      emulatorDatabasePath:
        env.STRIPE_EMULATOR_DATABASE_PATH ?? `${databaseDir.replace(/\/$/, '')}/stripe-emulator.db`,
      emulatorUrl: env.STRIPE_EMULATOR_URL?.replace(/\/$/, ''),
      ratePerSecond: env.STRIPE_RATE_PER_SECOND,
      rateBurst: env.STRIPE_RATE_BURST,
    },
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM,
    timeZone: env.PORTAL_TIME_ZONE,
    graceDays: env.GRACE_DAYS,
    renewals: {
      runHour: env.RENEWAL_RUN_HOUR,
      dunningDays: env.DUNNING_DAYS.split(',').map((d) => Number(d.trim())),
      opsAlertEmail: env.OPS_ALERT_EMAIL,
    },
    isDemo: env.DEMO,
    trustedProxies: env.TRUST_PROXY,
    optOutLinkSecrets: parseSecrets(env.OPTOUT_LINK_SECRETS),
    logLevel: env.LOG_LEVEL,
    maxInFlightRequests: env.MAX_IN_FLIGHT_REQUESTS,
    turnBudgetMs: env.TURN_BUDGET_MS,
    webDistPath: env.WEB_DIST_PATH,
    sessionTtlDays: env.SESSION_TTL_DAYS,
    sessionMaxDays: env.SESSION_MAX_DAYS,
    usageRequestsPerMinute: env.USAGE_REQUESTS_PER_MINUTE,
    dataDir: databaseDir.replace(/\/$/, '') || '.',
    financeSyncHour: env.FINANCE_SYNC_HOUR,
    jobs: { leaseTtlMs: env.JOB_LEASE_TTL_MS, dailyCheckMs: env.JOB_DAILY_CHECK_MS },
  };
}
