// What the emulator logs through: any logger with pino's info/warn shape (its own module, so that the
// webhook dispatcher and the request context do not import each other).
export type Logger = {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
};
