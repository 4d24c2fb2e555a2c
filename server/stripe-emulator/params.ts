// zod building blocks for Stripe's form parameters (integers, booleans, lists, metadata, ranges) and
// the translation of validation failures into Stripe's `invalid_request_error` messages.
import { z } from 'zod';
import { invalidRequest } from './errors.ts';
import type { FormObject, FormValue } from './form.ts';

function custom<T>(check: (value: string) => T | undefined, message: (value: string) => string) {
  return z.string().transform((value, ctx) => {
    const result = check(value);
    if (result === undefined) {
      ctx.addIssue({ code: 'custom', message: message(value) });
      return z.NEVER;
    }
    return result;
  });
}

export const zInt = custom(
  (v) => (/^-?\d+$/.test(v) ? Number(v) : undefined),
  (v) => `Invalid integer: ${v}`,
);
export const zBool = custom(
  (v) => (v === 'true' ? true : v === 'false' ? false : undefined),
  (v) => `Invalid boolean: ${v}`,
);
export const zId = z.string().min(1);

/** One of a fixed set of strings; `{param}` in the message is replaced with the parameter's name. */
export function zEnum<const T extends readonly string[]>(values: T) {
  return custom(
    (v) => (values.includes(v) ? (v as T[number]) : undefined),
    () => `Invalid {param}: must be one of ${values.join(', ')}`,
  );
}

/** A parameter that may be sent as an empty string to unset it (Stripe's "emptyable"). */
export function zEmptyable<T extends z.ZodType>(schema: T) {
  return z.union([z.literal('').transform(() => null), schema]);
}

/** Arrays arrive as `a[0]=x&a[1]=y` (decoded as an index-keyed object) or `a[]=x`. */
export function zList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (value === '' || value === undefined || Array.isArray(value)) return value === '' ? [] : value;
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      if (entries.every(([k]) => /^\d+$/.test(k))) {
        return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
      }
    }
    return value;
  }, z.array(item));
}

export const zMetadata = zEmptyable(
  z.record(z.string().max(40), z.string().max(500)).refine((m) => Object.keys(m).length <= 50, {
    message: 'Metadata can have up to 50 keys.',
  }),
);

export const zRange = z.union([
  zInt,
  z.strictObject({
    gt: zInt.optional(),
    gte: zInt.optional(),
    lt: zInt.optional(),
    lte: zInt.optional(),
  }),
]);
export type RangeParam = z.output<typeof zRange>;

export const zExpand = { expand: zList(z.string()).optional() };
export const zListShape = {
  ...zExpand,
  limit: zInt.optional(),
  starting_after: zId.optional(),
  ending_before: zId.optional(),
};
export const zRetrieve = z.strictObject(zExpand);

/** Applies a metadata update the way Stripe does: '' clears everything, a key set to '' is removed. */
export function mergeMetadata(
  current: Record<string, string> | null,
  update: Record<string, string> | null | undefined,
): Record<string, string> {
  if (update === undefined) return { ...current };
  if (update === null) return {};
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function paramName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return `${head ?? ''}${rest.map((p) => `[${p}]`).join('')}`;
}

function valueAt(input: FormObject, path: readonly PropertyKey[]): FormValue | undefined {
  let current: FormValue | undefined = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, FormValue>)[String(key)];
  }
  return current;
}

/** Validates decoded parameters; the first problem becomes a Stripe-worded 400. */
export function parseParams<S extends z.ZodType>(schema: S, input: FormObject): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw invalidRequest('Invalid request.');
  if (issue.code === 'unrecognized_keys') {
    const param = paramName([...issue.path, issue.keys[0] ?? '']);
    throw invalidRequest(`Received unknown parameter: ${param}`, { param, code: 'parameter_unknown' });
  }
  const param = paramName(issue.path);
  if (valueAt(input, issue.path) === undefined) {
    throw invalidRequest(`Missing required param: ${param}.`, { param, code: 'parameter_missing' });
  }
  const message =
    issue.code === 'custom' ? issue.message.replaceAll('{param}', param) : `Invalid value for ${param}.`;
  throw invalidRequest(message, { param, code: 'parameter_invalid' });
}
