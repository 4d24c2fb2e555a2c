import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, isCountryCode, isRegionOf, SUBDIVISIONS } from './places.ts';
import { ZUpdateBillingDetails } from './schemas/payments.ts';

const address = {
  legalName: 'Northwind Traders, Inc.',
  addressLine1: '1 Market St',
  city: 'San Francisco',
  billingEmail: 'billing@northwind.example',
};

describe('places', () => {
  it('lists each country once, in ISO form', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    for (const country of Object.keys(SUBDIVISIONS)) expect(isCountryCode(country)).toBe(true);
  });

  it('takes a listed country’s own states only, and free text elsewhere', () => {
    expect(isRegionOf('US', 'CA')).toBe(true);
    expect(isRegionOf('US', 'BY')).toBe(false);
    expect(isRegionOf('DE', 'BY')).toBe(true);
    expect(isRegionOf('JP', '13')).toBe(true);
  });

  it('billing details refuse an unknown country and a state of another country', () => {
    expect(ZUpdateBillingDetails.safeParse({ ...address, country: 'us', region: 'ca' }).data).toMatchObject({
      country: 'US',
      region: 'CA',
    });
    expect(ZUpdateBillingDetails.safeParse({ ...address, country: 'QQ' }).success).toBe(false);
    const wrongState = ZUpdateBillingDetails.safeParse({ ...address, country: 'US', region: 'BY' });
    expect(wrongState.success).toBe(false);
    expect(wrongState.error?.issues[0]?.path).toEqual(['region']);
    expect(
      ZUpdateBillingDetails.safeParse({ ...address, country: 'US', region: '' }).data?.region,
    ).toBeNull();
  });
});
