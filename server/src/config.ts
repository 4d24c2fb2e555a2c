// The environment, parsed once at boot by one zod schema; nothing else in the server reads process.env.

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
  PUBLIC_URL: z.url().optional(),
  /** Extra origins allowed to make state-changing requests (comma-separated), e.g. the Vite dev server. */
  ALLOWED_ORIGINS: z.string().default(''),
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(12111),
  STRIPE_EMULATOR_DATABASE_PATH: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Renewals <renewals@vendor.example>'),
  PORTAL_TIME_ZONE: z.string().default('UTC'),
  GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** The renewal run: the hour (vendor's time zone) it starts each day, its Stripe pace, dunning, ops alerts. */
  RENEWAL_RUN_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  STRIPE_RATE_PER_SECOND: z.coerce.number().min(0).max(100).default(20),
  DUNNING_DAYS: z
    .string()
    .regex(/^0(,\s*\d{1,3})*$/, 'comma-separated days after the first attempt, starting with 0, e.g. 0,3,7')
    .default('0,3,7'),
  OPS_ALERT_EMAIL: z.email().default('ops@vendor.example'),
  DEMO: booleanFromEnv.default(false),
  TRUST_PROXY: booleanFromEnv.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_PATH: z.string().default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Pace of bulk Stripe reads by the finance sync (Stripe allows ~25/s in test mode, ~100/s live). */
  FINANCE_SYNC_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100).default(20),
  /** The hour (vendor's time zone) of the daily finance sync and reconciliation. */
  FINANCE_SYNC_HOUR: z.coerce.number().int().min(0).max(23).default(4),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databasePath: string;
  publicUrl: string;
  allowedOrigins: string[];
  isSecureCookie: boolean;
  stripe: {
    secretKey: string | undefined;
    webhookSecret: string | undefined;
    emulatorPort: number;
    emulatorDatabasePath: string;
  };
  smtpUrl: string | undefined;
  mailFrom: string;
  timeZone: string;
  graceDays: number;
  renewals: { runHour: number; stripeRatePerSecond: number; dunningDays: number[]; opsAlertEmail: string };
  isDemo: boolean;
  trustProxy: boolean;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  webDistPath: string;
  sessionTtlDays: number;
  financeSyncRequestsPerSecond: number;
  financeSyncHour: number;
};

export class ConfigError extends Error {}

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
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  const databaseDir =
    env.DATABASE_PATH === ':memory:' ? './data' : env.DATABASE_PATH.replace(/[^/]*$/, '') || '.';
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databasePath: env.DATABASE_PATH,
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
      emulatorDatabasePath:
        env.STRIPE_EMULATOR_DATABASE_PATH ?? `${databaseDir.replace(/\/$/, '')}/stripe-emulator.db`,
    },
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM,
    timeZone: env.PORTAL_TIME_ZONE,
    graceDays: env.GRACE_DAYS,
    renewals: {
      runHour: env.RENEWAL_RUN_HOUR,
      stripeRatePerSecond: env.STRIPE_RATE_PER_SECOND,
      dunningDays: env.DUNNING_DAYS.split(',').map((d) => Number(d.trim())),
      opsAlertEmail: env.OPS_ALERT_EMAIL,
    },
    isDemo: env.DEMO,
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    webDistPath: env.WEB_DIST_PATH,
    sessionTtlDays: env.SESSION_TTL_DAYS,
    financeSyncRequestsPerSecond: env.FINANCE_SYNC_REQUESTS_PER_SECOND,
    financeSyncHour: env.FINANCE_SYNC_HOUR,
  };
}
