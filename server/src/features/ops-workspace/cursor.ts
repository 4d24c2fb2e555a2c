// Opaque page cursors: the last row's key as base64url JSON, checked on the way back in (a forged or stale
// cursor is a 422, never an SQL error).

import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string | undefined): z.infer<S> | null {
  if (!cursor) return null;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('validation_failed', 'This page link is not valid any more.', {
      fields: { cursor: 'Not a valid cursor' },
    });
  }
}
