// Where an e-mail that carries a credential (sign-in link, invitation) goes when there is no SMTP server:
// staff never see it (the outbox keeps only the copy with the link removed), so outside production it is
// printed on the server's own console, as development stacks do (docs/decisions/011-credentials-and-emulator-secrets.md).
// In production without SMTP it is not delivered at all, and a warning says so.

import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

export type LocalMessage = { to: string; template: string; subject: string; text: string };
export type LocalInbox = (message: LocalMessage) => void;

export function createLocalInbox(
  config: Pick<Config, 'env' | 'isDemo'>,
  logger: Pick<Logger, 'warn'>,
  write: (line: string) => void = (line) => process.stdout.write(line),
): LocalInbox {
  if (config.env === 'production' && !config.isDemo) {
    return (message) =>
      logger.warn(
        { to: message.to, template: message.template },
        'no SMTP_URL: an e-mail with a sign-in or invitation link could not be delivered',
      );
  }
  return (message) =>
    write(
      `\n--- e-mail for ${message.to} (no SMTP_URL: shown only on this console) ---\n` +
        `Subject: ${message.subject}\n\n${message.text.trim()}\n--- end ---\n\n`,
    );
}
