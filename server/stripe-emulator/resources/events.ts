// Events API: retrieve and list (type with `*` wildcard, types[], created).
import { z } from 'zod';
import type { Emu } from '../context.ts';
import { invalidRequest } from '../errors.ts';
import type { ApiRouter } from '../http.ts';
import { type ListParams, listObjects } from '../list.ts';
import { zList, zListShape, zRange, zRetrieve } from '../params.ts';
import type { Filter } from '../store.ts';

const EventListParams = z.strictObject({
  ...zListShape,
  created: zRange.optional(),
  delivery_success: z.string().optional(),
  type: z.string().optional(),
  types: zList(z.string()).optional(),
});

/** Events newest first, optionally filtered by type (`charge.*` matches every charge event). */
export function listEvents(
  emu: Emu,
  params: ListParams & { type?: string | undefined; types?: string[] | undefined },
) {
  if (params.type && params.types) {
    throw invalidRequest('You may pass either `type` or `types`, but not both.', { param: 'types' });
  }
  const filter: Filter = {};
  if (params.type?.includes('*'))
    filter.fieldLike = { type: params.type.replaceAll('%', '').replaceAll('*', '%') };
  else if (params.type) filter.fields = { type: params.type };
  if (params.types) filter.fieldIn = { type: params.types };
  return listObjects(emu, 'event', '/v1/events', params, filter);
}

export function registerEvents(api: ApiRouter): void {
  api.get('/v1/events/:id', zRetrieve, (_, { emu, param }) => emu.store.require('event', param('id')));
  api.get('/v1/events', EventListParams, (params, { emu }) => listEvents(emu, params));
}
