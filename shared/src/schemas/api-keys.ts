// API keys for the vendor's systems (issue 13 item 1). A key is vendor-wide (it acts for all the vendor's
// customers) and carries scopes: what it may do. Keys made before scopes existed hold `usage:write` only.

import { z } from 'zod';

export const API_KEY_SCOPES = ['usage:write', 'accounts:write', 'accounts:read', 'events:read'] as const;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key, enough to recognise it; the key itself is never stored. */
  prefix: z.string(),
  scopes: z.array(ZApiKeyScope),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZCreateApiKeyRequest = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(80),
  /** Absent: `usage:write`, what a key could do before scopes existed. */
  scopes: z
    .array(ZApiKeyScope)
    .min(1, 'Choose at least one scope')
    .default(['usage:write'])
    .transform((scopes) => API_KEY_SCOPES.filter((s) => scopes.includes(s))),
});
export type TCreateApiKeyRequest = z.input<typeof ZCreateApiKeyRequest>;

export const ZCreatedApiKey = z.object({
  apiKey: ZApiKey,
  /** Shown once, never again. */
  secret: z.string(),
});
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;
