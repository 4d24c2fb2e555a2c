// Checkout line items built from `price_data` (with their Product and Price), listed in the order given.
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Emu } from '../context.ts';
import { invalidRequest } from '../errors.ts';
import { newId } from '../ids.ts';
import { type ApiList, listObjects } from '../list.ts';
import { assertCurrency } from '../money.ts';
import { zEnum, zInt, zList, zMetadata } from '../params.ts';
import type { WireLineItem, WirePrice } from '../store.ts';

export const zLineItem = z.strictObject({
  price: z.string().optional(),
  quantity: zInt,
  price_data: z
    .strictObject({
      currency: z.string(),
      unit_amount: zInt.optional(),
      unit_amount_decimal: z.string().regex(/^\d+$/).optional(),
      tax_behavior: zEnum(['exclusive', 'inclusive', 'unspecified'] as const).optional(),
      product: z.string().optional(),
      product_data: z
        .strictObject({
          name: z.string().min(1),
          description: z.string().optional(),
          images: zList(z.string()).optional(),
          metadata: zMetadata.optional(),
        })
        .optional(),
    })
    .optional(),
});
export type LineItemParams = z.output<typeof zLineItem>;

function createProduct(
  emu: Emu,
  data: NonNullable<NonNullable<LineItemParams['price_data']>['product_data']>,
): Stripe.Product {
  const now = emu.now();
  const product: Stripe.Product = {
    id: newId('prod'),
    object: 'product',
    active: true,
    created: now,
    description: data.description ?? null,
    images: data.images ?? [],
    livemode: false,
    marketing_features: [],
    metadata: data.metadata ?? {},
    name: data.name,
    package_dimensions: null,
    shippable: null,
    tax_details: null,
    type: 'service',
    updated: now,
    url: null,
  };
  return emu.store.insert<'product'>(product);
}

/** Stores the Price/Product/LineItem for one `line_items[i]` entry of a Checkout Session. */
export function createLineItem(
  emu: Emu,
  sessionId: string,
  index: number,
  params: LineItemParams,
): WireLineItem {
  const param = `line_items[${index}]`;
  if (params.price)
    throw invalidRequest(`No such price: '${params.price}'`, {
      param: `${param}[price]`,
      code: 'resource_missing',
    });
  const data = params.price_data;
  if (!data)
    throw invalidRequest(`Missing required param: ${param}[price_data].`, {
      param: `${param}[price_data]`,
      code: 'parameter_missing',
    });
  const unitAmount =
    data.unit_amount ?? (data.unit_amount_decimal ? Number(data.unit_amount_decimal) : undefined);
  if (unitAmount === undefined || unitAmount < 0) {
    throw invalidRequest(`Missing required param: ${param}[price_data][unit_amount].`, {
      param: `${param}[price_data][unit_amount]`,
    });
  }
  if (params.quantity < 1)
    throw invalidRequest('Quantity must be at least 1.', { param: `${param}[quantity]` });
  const product = data.product_data
    ? createProduct(emu, data.product_data)
    : emu.store.require('product', data.product ?? '', `${param}[price_data][product]`);
  const currency = assertCurrency(data.currency, `${param}[price_data][currency]`);
  const now = emu.now();
  const price: WirePrice = {
    id: newId('price'),
    object: 'price',
    active: false,
    billing_scheme: 'per_unit',
    created: now,
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: product.id,
    recurring: null,
    tax_behavior: data.tax_behavior ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
  };
  emu.store.insert<'price'>(price);
  const total = unitAmount * params.quantity;
  const item: WireLineItem = {
    id: newId('li'),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: total,
    amount_tax: 0,
    amount_total: total,
    currency,
    description: product.name,
    metadata: {},
    price,
    quantity: params.quantity,
  };
  return emu.store.insert<'item'>(item, { session: sessionId });
}

export const zLineItems = zList(zLineItem);

/** `checkout.session.line_items`, in the order they were given. */
export function lineItemsOf(
  emu: Emu,
  sessionId: string,
  params: {
    limit?: number | undefined;
    starting_after?: string | undefined;
    ending_before?: string | undefined;
  } = {},
): ApiList<WireLineItem> {
  const url = `/v1/checkout/sessions/${sessionId}/line_items`;
  return listObjects(emu, 'item', url, params, { meta: { session: sessionId } }, 'oldest_first');
}
