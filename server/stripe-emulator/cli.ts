// Stand-alone entry point: `tsx server/stripe-emulator/cli.ts --port 12111 --db ./data/stripe-emulator.db
// --webhook http://localhost:3000/api/stripe/webhook=whsec_test [--api-key sk_test_… --control-secret …]`.
// Loopback only unless --host says otherwise.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startStripeEmulator } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '12111' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: './data/stripe-emulator.db' },
    webhook: { type: 'string', multiple: true, default: [] },
    'api-key': { type: 'string' },
    'control-secret': { type: 'string' },
  },
});

// The one API key accepted and the control endpoints' secret: given, or random and printed once.
const random = () => randomBytes(24).toString('hex');
const apiKey = values['api-key'] ?? `sk_test_${random()}`;
const controlSecret = values['control-secret'] ?? random();

const webhookEndpoints = values.webhook.map((spec) => {
  const at = spec.lastIndexOf('=');
  if (at < 0) throw new Error(`--webhook expects URL=SECRET, got ${spec}`);
  return { url: spec.slice(0, at), secret: spec.slice(at + 1) };
});

const logger = {
  info: (obj: unknown, msg?: string) => console.info(msg ?? '', obj),
  warn: (obj: unknown, msg?: string) => console.warn(msg ?? '', obj),
};

const running = await startStripeEmulator({
  databasePath: values.db,
  port: Number(values.port),
  host: values.host,
  webhookEndpoints,
  logger,
  apiKey,
  controlSecret,
});
console.info(`Stripe emulator listening on ${running.url} (database ${values.db})`);
console.info(`API key: ${apiKey}\nControl secret (header X-Emulator-Secret): ${controlSecret}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
