// How a command-line script ends: its code, or 1 with one line on stderr. A configuration or application error
// says only its message (it is meant for the person at the terminal); anything else its stack, after `failure`.

import { ConfigError } from '../platform/config.ts';
import { AppError } from '../platform/http/errors.ts';

export function exitWith(main: () => Promise<number>, failure: string): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(
        error instanceof ConfigError || error instanceof AppError
          ? `${error.message}\n`
          : `${failure}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
