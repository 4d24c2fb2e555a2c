// SMTP delivery through nodemailer. An error carries whether retrying can help: SMTP 5xx replies are
// permanent (bad address, rejected), everything else (4xx, connection problems, timeouts) is temporary.

import nodemailer from 'nodemailer';

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
};

export type Mailer = {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
};

export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly isPermanent: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

export function createSmtpMailer(smtpUrl: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeout = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(email) {
      try {
        await transport.sendMail({
          from: email.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: email.messageId,
        });
      } catch (err) {
        const responseCode = (err as { responseCode?: number }).responseCode;
        const message = err instanceof Error ? err.message : String(err);
        throw new MailDeliveryError(message, typeof responseCode === 'number' && responseCode >= 500);
      }
    },
    close: () => transport.close(),
  };
}
