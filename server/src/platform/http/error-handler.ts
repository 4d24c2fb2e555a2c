// The one error handler: every failure becomes {"error": {code, message, fields?}} with the status its code
// fixes; unexpected errors are logged with the request id and answered 500 without internals.

import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../logger.ts';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

export function createErrorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    let appError: AppError;
    if (err instanceof AppError) {
      appError = err;
      if (appError.internalDetail !== undefined) {
        logger.warn(
          { requestId: c.get('requestId'), code: appError.code, detail: appError.internalDetail },
          appError.message,
        );
      }
    } else if (err instanceof HTTPException && err.status === 413) {
      appError = new AppError('payload_too_large', 'The request body is too large.');
    } else if (err instanceof HTTPException && err.status < 500) {
      appError = new AppError('bad_request', err.message || 'Bad request');
    } else {
      logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
      appError = new AppError('internal', 'Something went wrong on our side. Please try again.');
    }
    for (const [name, value] of Object.entries(appError.headers ?? {})) c.header(name, value);
    return c.json(appError.toBody(), appError.status);
  };
}
