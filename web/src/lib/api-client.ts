// The one typed way to call the API: Hono's RPC client built from the server's AppType, and `unwrap()`,
// which returns the parsed body of a 2xx reply and throws an ApiError for anything else.

import type { AppType } from '@portal/server/app';
import type { ErrorCode, TApiError } from '@portal/shared/errors';
import { type ClientResponse, hc } from 'hono/client';
import { config } from '@/config';

export const api = hc<AppType>(config.apiBaseUrl, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, { ...init, credentials: 'same-origin' }),
});

/** The server's error codes, plus the failures that never reach it. */
export type ApiErrorCode = ErrorCode | 'network_error' | 'unexpected_response';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly fields: Record<string, string>;

  constructor(options: {
    code: ApiErrorCode;
    message: string;
    status: number;
    fields?: Record<string, string>;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.fields = options.fields ?? {};
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The API's error shape (`{ error: { code, message, fields? } }`), checked by hand: zod stays out of the first load. */
function isApiErrorBody(body: unknown): body is TApiError {
  const error = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    (error.fields === undefined || (typeof error.fields === 'object' && error.fields !== null))
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isApiErrorBody(body)) {
    const { code, message, fields } = body.error;
    return new ApiError({ code, message, status: response.status, fields });
  }
  return new ApiError({
    code: 'unexpected_response',
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
    status: response.status,
  });
}

/** Awaits an API call: the typed JSON body for a 2xx (null for 204), an ApiError otherwise. */
export async function unwrap<T, S extends number, F extends string>(
  responsePromise: Promise<ClientResponse<T, S, F>>,
): Promise<T> {
  let response: ClientResponse<T, S, F>;
  try {
    response = await responsePromise;
  } catch (cause) {
    throw new ApiError({
      code: 'network_error',
      message: cause instanceof Error ? cause.message : 'The request failed',
      status: 0,
    });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return null as T;
  return (await response.json()) as T;
}
