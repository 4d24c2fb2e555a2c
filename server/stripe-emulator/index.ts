// The emulator's public entry: the only module the portal imports (the linter holds it to that). The emulator
// imports nothing of the portal; the portal's glue (secrets file, start beside the portal) is the portal's own.

export {
  CONTROL_SECRET_HEADER,
  createStripeEmulator,
  type StripeEmulator,
  type StripeEmulatorOptions,
} from './app.ts';
export { type StartOptions, startStripeEmulator } from './server.ts';
