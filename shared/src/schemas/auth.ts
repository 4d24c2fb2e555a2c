import { z } from 'zod';
import { ZEmail, ZLocale } from './common.ts';

export const ROLES = ['customer_admin', 'customer_member', 'finance', 'ops'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;
export const CUSTOMER_ROLES = ['customer_admin', 'customer_member'] as const satisfies readonly TRole[];
export const ZCustomerRole = z.enum(CUSTOMER_ROLES);
export type TCustomerRole = z.infer<typeof ZCustomerRole>;

export function isCustomerRole(role: TRole): role is TCustomerRole {
  return role === 'customer_admin' || role === 'customer_member';
}

export const ZSignInRequest = z.object({
  email: ZEmail,
  password: z.string().min(1, 'Enter your password').max(256),
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZMagicLinkRequest = z.object({ email: ZEmail });
export const ZTokenRequest = z.object({ token: z.string().min(10).max(200) });

export const ZPassword = z.string().min(10, 'Use at least 10 characters').max(256);

export const ZMe = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: ZRole, locale: ZLocale }),
  account: z.object({ id: z.string(), name: z.string(), currency: z.string() }).nullable(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZUpdateLocale = z.object({ locale: ZLocale });
