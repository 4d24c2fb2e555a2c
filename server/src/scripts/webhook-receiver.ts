// `pnpm webhooks:receive`: a small receiver to point a webhook endpoint at while trying the portal (README,
// "Hear about renewals"). Listens on 127.0.0.1:$PORT (default 4000) at any path, verifies each delivery's
// Standard Webhooks signature with WEBHOOK_SECRET (the `whsec_…` ops were shown) and prints one line per event.

import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const port = Number(process.env.PORT ?? 4000);
const secret = process.env.WEBHOOK_SECRET;
const verifier = secret ? new Webhook(secret) : null;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers[name] = value;
    try {
      const event = (verifier ? verifier.verify(body, headers) : JSON.parse(body)) as {
        type?: string;
        subject?: { type: string; id: string };
        data?: unknown;
      };
      const check = verifier ? 'signature verified' : 'NOT verified: set WEBHOOK_SECRET';
      process.stdout.write(
        `${new Date().toISOString()} ${event.type} ${event.subject?.type}:${event.subject?.id} webhook-id=${headers['webhook-id']} (${check})\n  ${JSON.stringify(event.data)}\n`,
      );
      res.writeHead(204).end();
    } catch (err) {
      process.stdout.write(`rejected: ${err instanceof Error ? err.message : String(err)}\n`);
      res.writeHead(400).end('bad signature');
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(
    `Webhook receiver on http://127.0.0.1:${port}/ (${secret ? 'verifying' : 'not verifying'} signatures)\n`,
  );
});
