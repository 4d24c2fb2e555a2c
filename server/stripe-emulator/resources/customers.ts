// Customers: create, retrieve, update (incl. invoice_settings.default_payment_method), list.
import type Stripe from 'stripe';
import { z } from 'zod';
import type { Emu, RequestCtx } from '../context.ts';
import { invalidRequest } from '../errors.ts';
import { emitEvent, saveChange } from '../events.ts';
import type { ApiRouter } from '../http.ts';
import { newId, randomToken } from '../ids.ts';
import { listObjects, matching } from '../list.ts';
import {
  mergeMetadata,
  zEmptyable,
  zExpand,
  zId,
  zList,
  zListShape,
  zMetadata,
  zRange,
  zRetrieve,
} from '../params.ts';
import { attachPaymentMethod, resolvePaymentMethod } from './payment-methods.ts';

const zAddress = z.strictObject({
  city: z.string().optional(),
  country: z.string().optional(),
  line1: z.string().optional(),
  line2: z.string().optional(),
  postal_code: z.string().optional(),
  state: z.string().optional(),
});

const customerFields = {
  ...zExpand,
  address: zEmptyable(zAddress).optional(),
  description: zEmptyable(z.string()).optional(),
  email: zEmptyable(z.string()).optional(),
  invoice_settings: z.strictObject({ default_payment_method: zEmptyable(zId).optional() }).optional(),
  metadata: zMetadata.optional(),
  name: zEmptyable(z.string()).optional(),
  phone: zEmptyable(z.string()).optional(),
  preferred_locales: zList(z.string()).optional(),
};
const CreateParams = z.strictObject({ ...customerFields, payment_method: zId.optional() });
const UpdateParams = z.strictObject(customerFields);
type UpdateParams = z.output<typeof UpdateParams>;
const ListParams = z.strictObject({
  ...zListShape,
  created: zRange.optional(),
  email: z.string().optional(),
});
const ListPaymentMethodsParams = z.strictObject({ ...zListShape, type: z.string().optional() });

function toAddress(address: z.output<typeof zAddress> | null): Stripe.Address | null {
  if (!address) return null;
  const { city, country, line1, line2, postal_code, state } = address;
  return {
    city: city ?? null,
    country: country ?? null,
    line1: line1 ?? null,
    line2: line2 ?? null,
    postal_code: postal_code ?? null,
    state: state ?? null,
  };
}

function buildCustomer(emu: Emu): Stripe.Customer {
  return {
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: emu.now(),
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: randomToken(8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

function applyFields(emu: Emu, customer: Stripe.Customer, params: UpdateParams): Stripe.Customer {
  const next: Stripe.Customer = {
    ...customer,
    metadata: mergeMetadata(customer.metadata, params.metadata),
    invoice_settings: { ...customer.invoice_settings },
  };
  if (params.address !== undefined) next.address = toAddress(params.address);
  if (params.description !== undefined) next.description = params.description;
  if (params.email !== undefined) next.email = params.email;
  if (params.name !== undefined) next.name = params.name;
  if (params.phone !== undefined) next.phone = params.phone;
  if (params.preferred_locales !== undefined) next.preferred_locales = params.preferred_locales;
  const defaultPm = params.invoice_settings?.default_payment_method;
  if (defaultPm !== undefined) {
    if (defaultPm !== null) {
      const pm = emu.store.require('payment_method', defaultPm, 'invoice_settings[default_payment_method]');
      if (pm.customer !== customer.id) {
        throw invalidRequest(
          `The customer does not have a payment method with the ID ${defaultPm}. The payment method must be attached to the customer.`,
          { param: 'invoice_settings[default_payment_method]', code: 'resource_missing' },
        );
      }
    }
    next.invoice_settings.default_payment_method = defaultPm;
  }
  return next;
}

/**
 * Creates a customer; a given `payment_method` is attached first, so `customer.created` carries the
 * final state (including `invoice_settings.default_payment_method`).
 */
export function createCustomer(
  emu: Emu,
  req: RequestCtx,
  params: z.output<typeof CreateParams>,
): Stripe.Customer {
  const { payment_method: paymentMethod, invoice_settings: invoiceSettings, ...fields } = params;
  let customer = emu.store.insert<'customer'>(applyFields(emu, buildCustomer(emu), fields));
  if (paymentMethod) {
    const pm = resolvePaymentMethod(emu, req, paymentMethod, 'payment_method');
    attachPaymentMethod(emu, req, pm, customer.id);
  }
  if (invoiceSettings) {
    customer = emu.store.update(applyFields(emu, customer, { invoice_settings: invoiceSettings }));
  }
  emitEvent(emu, req, 'customer.created', customer);
  return customer;
}

/** Updates a customer, emitting `customer.updated` with `previous_attributes` when anything changed. */
export function updateCustomer(emu: Emu, req: RequestCtx, id: string, params: UpdateParams): Stripe.Customer {
  const before = emu.store.require('customer', id);
  const after = applyFields(emu, before, params);
  if (JSON.stringify(before) === JSON.stringify(after)) return before;
  return saveChange(emu, req, 'customer.updated', before, after);
}

export function registerCustomers(api: ApiRouter): void {
  api.post('/v1/customers', CreateParams, (params, { emu, req }) => createCustomer(emu, req, params));
  api.get('/v1/customers/:id', zRetrieve, (_, { emu, param }) => emu.store.require('customer', param('id')));
  api.post('/v1/customers/:id', UpdateParams, (params, { emu, req, param }) =>
    updateCustomer(emu, req, param('id'), params),
  );
  api.get('/v1/customers', ListParams, (params, { emu }) =>
    listObjects(emu, 'customer', '/v1/customers', params, matching(params, ['email'])),
  );
  api.get('/v1/customers/:id/payment_methods', ListPaymentMethodsParams, (params, { emu, param }) => {
    const customer = emu.store.require('customer', param('id'));
    const url = `/v1/customers/${customer.id}/payment_methods`;
    return listObjects(
      emu,
      'payment_method',
      url,
      params,
      matching({ ...params, customer: customer.id }, ['customer', 'type']),
    );
  });
}
