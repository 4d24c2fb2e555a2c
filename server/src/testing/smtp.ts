// A real SMTP server for tests (the `smtp-server` package) on a free loopback port. `failWith` makes it
// answer the next messages with an SMTP error code (4xx temporary, 5xx permanent); `refuseMailTo` answers every
// message to the given addresses with one (whatever order the worker sends in) until `acceptAll`.

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string };

export async function startTestSmtpServer() {
  const received: ReceivedMail[] = [];
  let failures: number[] = [];
  let refusals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const refused = session.envelope.rcptTo.map((r) => refusals.get(r.address)).find(Boolean);
        const code = refused ?? failures.shift();
        if (code) {
          const error = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & {
            responseCode: number;
          };
          error.responseCode = code;
          callback(error);
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failWith(...codes: number[]) {
      failures = codes;
    },
    refuseMailTo(addresses: string[], code: number) {
      refusals = new Map(addresses.map((address) => [address, code]));
    },
    acceptAll() {
      failures = [];
      refusals = new Map();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
