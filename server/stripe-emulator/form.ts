// Decodes Stripe's form encoding (`a[b][c]=1`, `a[0]=x`, `expand[]=y`) into nested objects.
import { invalidRequest } from './errors.ts';

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

const KEY_PATTERN = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

function splitKey(key: string): string[] {
  const match = KEY_PATTERN.exec(key);
  if (!match?.[1]) return [key];
  const rest = match[2] ?? '';
  const segments = [...rest.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1], ...segments];
}

function isObject(value: FormValue | undefined): value is FormObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function conflict(key: string): never {
  throw invalidRequest(`Invalid parameter structure for ${key}.`, { param: key });
}

function assign(root: FormObject, key: string, value: string): void {
  const segments = splitKey(key);
  let container: FormObject | FormValue[] = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const isLast = i === segments.length - 1;
    const nextIsPush = segments[i + 1] === '';
    if (Array.isArray(container)) {
      // Only a trailing `[]` appends (Stripe's `expand[]=a&expand[]=b`).
      if (segment !== '' || !isLast) conflict(key);
      container.push(value);
      return;
    }
    if (isLast) {
      if (container[segment] !== undefined && typeof container[segment] !== 'string') conflict(key);
      container[segment] = value;
      return;
    }
    const existing: FormValue | undefined = container[segment];
    if (nextIsPush) {
      if (existing === undefined) container[segment] = [];
      else if (!Array.isArray(existing)) conflict(key);
    } else if (existing === undefined) {
      container[segment] = {};
    } else if (!isObject(existing)) {
      conflict(key);
    }
    container = container[segment] as FormObject | FormValue[];
  }
}

/** Decodes an `application/x-www-form-urlencoded` body or query string. */
export function decodeForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) assign(root, key, value);
  return root;
}
