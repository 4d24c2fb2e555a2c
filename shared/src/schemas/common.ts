// Building blocks reused by the feature schemas.

import { z } from 'zod';
import { isCalendarDate } from '../dates.ts';

export const ZCalendarDate = z.string().refine(isCalendarDate, { message: 'Expected a date as YYYY-MM-DD' });
export const ZCurrency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'Expected an ISO 4217 currency code')
  .transform((c) => c.toUpperCase());
export const ZMoney = z.object({ amountMinor: z.number().int(), currency: z.string() });
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid e-mail address' }).max(254));
export const ZId = z.string().min(1).max(64);
export const ZLocale = z.enum(['en', 'zh-CN']);
export type TLocale = z.infer<typeof ZLocale>;
