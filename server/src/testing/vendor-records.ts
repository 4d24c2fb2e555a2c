// Test helpers: vendor records as the vendor's systems send them (issue 13), unique per test by a prefix.

export function accountRecord(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    name: `Customer ${externalId}`,
    currency: 'USD',
    country: 'US',
    region: 'CA',
    billingEmail: `billing+${externalId.toLowerCase()}@customer.example`,
    ...overrides,
  };
}

export function subscriptionRecord(
  externalId: string,
  accountExternalId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    externalId,
    accountExternalId,
    planCode: 'professional',
    seats: 25,
    termStart: '2026-01-01',
    termEnd: '2027-01-01',
    ...overrides,
  };
}
