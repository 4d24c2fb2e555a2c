// Runs the emulator on a TCP port (0 = any free port); its public URL follows from the bound port.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './app.ts';

export type StartOptions = Omit<StripeEmulatorOptions, 'publicUrl'> & { port?: number; host?: string };

export async function startStripeEmulator(
  options: StartOptions,
): Promise<{ emulator: StripeEmulator; url: string; port: number; close(): Promise<void> }> {
  const { port: requestedPort = 0, host = '127.0.0.1', ...emulatorOptions } = options;
  let emulator: StripeEmulator | undefined;
  // The emulator needs its public URL, which is known only once the port is bound.
  const server = createAdaptorServer({
    fetch: (request: Request) => {
      if (!emulator) return new Response('Starting', { status: 503 });
      return emulator.fetch(request);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard bind address is not something a browser can open.
  const browserHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const url = `http://${browserHost.includes(':') ? `[${browserHost}]` : browserHost}:${port}`;
  emulator = createStripeEmulator({ ...emulatorOptions, publicUrl: url });
  const running = emulator;
  return {
    emulator: running,
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        running.close();
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
