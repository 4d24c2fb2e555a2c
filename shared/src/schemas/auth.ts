import { z } from 'zod';
import { CUSTOMER_ROLES, ROLES } from '../roles.ts';
import { ZEmail, ZLocale } from './common.ts';

export { CUSTOMER_ROLES, isCustomerRole, ROLES, type TCustomerRole, type TRole } from '../roles.ts';
export const ZRole = z.enum(ROLES);
export const ZCustomerRole = z.enum(CUSTOMER_ROLES);

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
