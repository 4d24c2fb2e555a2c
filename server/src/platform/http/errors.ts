// One error type for the whole server: a code from shared/errors (which fixes the HTTP status), a message
// safe to show the user, optional per-field messages, and an optional internal detail that is only logged.

import { ERROR_STATUS, type ErrorCode, type TApiError } from '@portal/shared/errors';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly internalDetail: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      fields?: Record<string, string>;
      internalDetail?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.internalDetail = options.internalDetail;
    this.headers = options.headers;
  }

  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code];
  }

  toBody(): TApiError {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', what);
