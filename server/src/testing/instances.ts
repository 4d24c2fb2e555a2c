// Portal processes for the several-instances test (multi-instance.itest.ts): each one the compiled server
// (`node dist/main.js`, built by the test's global setup: compiled-server.ts) on its own port, all on one PostgreSQL and one Stripe emulator the test runs, its output in a
// file (read only when something fails), stopped with SIGTERM or killed with SIGKILL.

import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILED_MAIN } from './compiled-server.ts';

const serverRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type PortalInstance = {
  name: string;
  url: string;
  child: ChildProcess;
  logPath: string;
  log(): string;
  /** -9: no shutdown hook runs, leases and runs stay as they were. */
  kill(): Promise<void>;
  /** SIGTERM (graceful: the job engine stops), SIGKILL after 10 s. */
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

export async function startPortalInstance(options: {
  name: string;
  dataDir: string;
  env: Record<string, string>;
}): Promise<PortalInstance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logPath = join(options.dataDir, `${options.name}.log`);
  const out = openSync(logPath, 'a');
  const child = spawn(process.execPath, ['--enable-source-maps', COMPILED_MAIN], {
    cwd: serverRoot,
    env: {
      // biome-ignore lint/style/noProcessEnv: the child runs in this environment plus the instance's own.
      ...process.env,
      // Its own address unless the test names a shared one (a load balancer's).
      PUBLIC_URL: url,
      ...options.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      // Its own folder: the emulator secrets file and the local inbox stay out of the repository.
      DATABASE_PATH: join(options.dataDir, options.name, 'unused.db'),
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const log = () => readFileSync(logPath, 'utf8');
  const instance: PortalInstance = {
    name: options.name,
    url,
    child,
    logPath,
    log,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
  await waitForHealth(instance);
  return instance;
}

async function waitForHealth(instance: PortalInstance): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (instance.child.exitCode !== null) {
      throw new Error(`${instance.name} exited early:\n${instance.log()}`);
    }
    const ok = await fetch(`${instance.url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${instance.name} never became healthy:\n${instance.log()}`);
}
