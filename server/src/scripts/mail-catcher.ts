// `pnpm mail:catch`: an SMTP server to point the portal at while trying it without a mail provider (README,
// "Adopting the portal"): run the portal with SMTP_URL=smtp://localhost:2525 and every e-mail it sends (an
// invitation, a magic link, a renewal notice) is printed here, to, subject and text with its links. Listens on
// 127.0.0.1:$SMTP_PORT (default 2525); keeps nothing. The ops mailbox never shows a credential's link (a staff
// role never sees another user's credential): this is where the person the mail is for reads it.

import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export type CaughtMail = { to: string[]; subject: string; text: string };

/** Starts the catcher on 127.0.0.1:`port` (0: a free one); `onMail` gets each message, parsed. */
export async function startMailCatcher(port: number, onMail: (mail: CaughtMail) => void) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        PostalMime.parse(Buffer.concat(chunks)).then(
          (email) => {
            onMail({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: email.subject ?? '',
              text: email.text ?? '',
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function formatMail(mail: CaughtMail, at: Date): string {
  const body = mail.text
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `${at.toISOString()} to ${mail.to.join(', ')}: ${mail.subject}\n${body}\n\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.SMTP_PORT ?? 2525);
  startMailCatcher(port, (mail) => process.stdout.write(formatMail(mail, new Date()))).then((catcher) => {
    process.stdout.write(
      `Mail catcher on smtp://localhost:${catcher.port}: start the portal with SMTP_URL=smtp://localhost:${catcher.port}\n`,
    );
  });
}
