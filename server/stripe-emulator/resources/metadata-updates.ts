// `POST /v1/<resources>/:id` for the resources whose only field the emulator lets you update is
// `metadata` (merged as Stripe does), emitting their `*.updated` event.
import type Stripe from 'stripe';
import { z } from 'zod';
import { type EventObject, saveChange } from '../events.ts';
import type { ApiRouter } from '../http.ts';
import { mergeMetadata, zExpand, zMetadata } from '../params.ts';
import type { ObjectMap } from '../store.ts';

const UpdateParams = z.strictObject({ ...zExpand, metadata: zMetadata.optional() });

type UpdateEvents = {
  dispute: 'charge.dispute.updated';
  payment_method: 'payment_method.updated';
  payout: 'payout.updated';
  refund: 'refund.updated';
};

export function registerMetadataUpdate<T extends keyof UpdateEvents>(
  api: ApiRouter,
  path: string,
  type: T,
  eventType: UpdateEvents[T] & Stripe.Event.Type,
): void {
  api.post(path, UpdateParams, (params, { emu, req, param }) => {
    const before: ObjectMap[T] = emu.store.require(type, param('id'));
    const after = { ...before, metadata: mergeMetadata(before.metadata, params.metadata) };
    type Changed = EventObject<UpdateEvents[T]>;
    return saveChange(emu, req, eventType, before as Changed, after as Changed);
  });
}
