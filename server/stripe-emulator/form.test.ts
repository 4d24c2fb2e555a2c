// Decoding of Stripe's form encoding.
import { describe, expect, it } from 'vitest';
import { StripeApiError } from './errors.ts';
import { decodeForm } from './form.ts';

describe('decodeForm', () => {
  it('decodes nested objects, indexed arrays and expand[] as the SDK and curl send them', () => {
    const body =
      'mode=payment&line_items[0][quantity]=2&line_items[0][price_data][currency]=usd' +
      '&line_items[0][price_data][product_data][name]=Seats%20%26%20support&metadata[order]=42' +
      '&expand[]=payment_intent&expand[]=customer&success_url=https%3A%2F%2Fx.test%2F%3Fs%3D%7BCHECKOUT_SESSION_ID%7D';
    expect(decodeForm(body)).toEqual({
      mode: 'payment',
      line_items: {
        '0': { quantity: '2', price_data: { currency: 'usd', product_data: { name: 'Seats & support' } } },
      },
      metadata: { order: '42' },
      expand: ['payment_intent', 'customer'],
      success_url: 'https://x.test/?s={CHECKOUT_SESSION_ID}',
    });
  });

  it('accepts percent-encoded brackets and empty values', () => {
    expect(decodeForm('metadata%5Bkey%5D=&description=')).toEqual({ metadata: { key: '' }, description: '' });
  });

  it('rejects a key used both as a value and as an object', () => {
    expect(() => decodeForm('a=1&a[b]=2')).toThrow(StripeApiError);
  });
});
