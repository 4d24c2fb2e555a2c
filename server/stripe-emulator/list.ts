// The one pagination helper behind every list endpoint: limit, starting_after, ending_before,
// created[...] and has_more, answered as Stripe's `{ object: 'list', data, has_more, url }`.
import type Stripe from 'stripe';
import type { Emu } from './context.ts';
import { invalidRequest } from './errors.ts';
import type { RangeParam } from './params.ts';
import type { Filter, ObjectMap, ObjectType, PageQuery } from './store.ts';

export type ListParams = {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
  created?: RangeParam;
};

export type ApiList<T> = Stripe.ApiList<T>;

export function listObjects<T extends ObjectType>(
  emu: Emu,
  type: T,
  url: string,
  params: ListParams,
  filter: Filter = {},
  order: PageQuery['order'] = 'newest_first',
): ApiList<ObjectMap[T]> {
  const limit = params.limit ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest(`This value must be between 1 and 100 (it currently is '${limit}').`, {
      param: 'limit',
    });
  }
  if (params.starting_after && params.ending_before) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.');
  }
  const page = emu.store.page(
    type,
    { ...filter, ...(params.created !== undefined ? { created: params.created } : {}) },
    {
      limit,
      order,
      ...(params.starting_after ? { startingAfter: params.starting_after } : {}),
      ...(params.ending_before ? { endingBefore: params.ending_before } : {}),
    },
  );
  return { object: 'list', data: page.data, has_more: page.hasMore, url };
}

/**
 * Equality filters for the list parameters that are set: `matching(params, ['customer', 'payment_intent'])`
 * (`customer` uses its indexed column, the others the object's JSON fields).
 */
export function matching<P extends object>(params: P, keys: readonly (keyof P & string)[]): Filter {
  const fields: Record<string, string> = {};
  const filter: Filter = { fields };
  for (const key of keys) {
    const value = params[key];
    if (typeof value !== 'string' || value === '') continue;
    if (key === 'customer') filter.customer = value;
    else fields[key] = value;
  }
  return filter;
}
