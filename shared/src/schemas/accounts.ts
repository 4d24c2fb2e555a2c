import { z } from 'zod';
import { ZCustomerRole, ZPassword } from './auth.ts';
import { ZEmail, ZLocale } from './common.ts';

export const ZAccountUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZCustomerRole,
  status: z.enum(['active', 'invited']),
  lastSignInAt: z.string().nullable(),
});
export type TAccountUser = z.infer<typeof ZAccountUser>;

export const ZInviteRequest = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, 'Enter a name').max(120),
  role: ZCustomerRole,
});
export type TInviteRequest = z.infer<typeof ZInviteRequest>;

export const ZChangeRoleRequest = z.object({ role: ZCustomerRole });

export const ZAcceptInvitationRequest = z.object({
  token: z.string().min(10).max(200),
  password: ZPassword,
  locale: ZLocale.optional(),
});
