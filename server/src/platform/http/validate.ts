// zod validation for routes: typed input for Hono's RPC client, and bad input answered in the one error shape
// (400 validation_failed, a message per field).

import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { AppError } from './errors.ts';

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

const validators = new WeakSet<object>();

/** Whether a middleware reads and validates input (the route table test checks guards run before these). */
export function isValidator(handler: unknown): boolean {
  return typeof handler === 'function' && validators.has(handler);
}

/** Control characters other than tab, line feed and carriage return (NUL included): never valid in text. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** The path of the first string in `value` holding a control character, or null. */
export function findControlCharacter(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return hasControlCharacter(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControlCharacter(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findControlCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new AppError('validation_failed', 'Some fields are not valid', {
        fields: fieldErrors(result.error.issues),
      });
    }
    // Every text input of every route: control characters (NUL, escape, …) are refused, not stored.
    const at = findControlCharacter(result.data);
    if (at) {
      throw new AppError('validation_failed', 'Some fields are not valid', {
        fields: { [at.length ? at.join('.') : '_']: 'Contains a control character' },
      });
    }
  });
  validators.add(middleware);
  return middleware;
}
