// The roles, as plain constants (no zod): the web app's first load checks roles without the validation
// library. The schemas in schemas/auth.ts are built from these.

export const ROLES = ['customer_admin', 'customer_member', 'finance', 'ops'] as const;
export type TRole = (typeof ROLES)[number];
export const CUSTOMER_ROLES = ['customer_admin', 'customer_member'] as const satisfies readonly TRole[];
export type TCustomerRole = (typeof CUSTOMER_ROLES)[number];

export function isCustomerRole(role: TRole): role is TCustomerRole {
  return role === 'customer_admin' || role === 'customer_member';
}
