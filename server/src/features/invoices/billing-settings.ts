// The vendor's billing settings: the seller printed on every invoice and the tax rate per buyer country (none
// by default, so the tax line reads 0 %). Ops change them; each change is audited. Invoices snapshot the
// seller when issued, so a later change never rewrites an issued invoice.

import { type TBillingSettings, ZBillingSettings } from '@portal/shared/schemas/invoices';
import { recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { fromJson } from '../../platform/db/json.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { findSetting, writeSetting } from '../../platform/settings/settings.ts';
import { findAccountBilling } from '../accounts/service.ts';

const SETTINGS_KEY = 'invoices.billing_settings';

export const DEFAULT_BILLING_SETTINGS: TBillingSettings = {
  seller: {
    legalName: 'Vendor Software Inc.',
    addressLines: ['100 Market Street, Suite 300', 'San Francisco, CA 94105'],
    country: 'US',
    taxId: null,
    email: 'billing@vendor.example',
  },
  taxRates: [],
};

export async function getBillingSettings(db: DbOrTx): Promise<TBillingSettings> {
  const row = await findSetting(db, SETTINGS_KEY);
  if (!row) return DEFAULT_BILLING_SETTINGS;
  const parsed = ZBillingSettings.safeParse(fromJson<unknown>(row.value_json, null));
  return parsed.success ? parsed.data : DEFAULT_BILLING_SETTINGS;
}

export async function updateBillingSettings(
  deps: AppDeps,
  actor: SessionUser,
  settings: TBillingSettings,
): Promise<TBillingSettings> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const before = await getBillingSettings(tx);
    await writeSetting(tx, SETTINGS_KEY, settings, now);
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'billing_settings',
      entityId: SETTINGS_KEY,
      action: 'billing_settings.updated',
      before,
      after: settings,
      at: now,
    });
  });
  return settings;
}

export type TaxRateFor = { rateBasisPoints: number; label: string };

/** The tax rate for a buyer's country (0 and a generic label when none is configured). */
export async function taxRateFor(db: DbOrTx, country: string): Promise<TaxRateFor> {
  const settings = await getBillingSettings(db);
  const rate = settings.taxRates.find((r) => r.country === country.toUpperCase());
  return rate
    ? { rateBasisPoints: rate.rateBasisPoints, label: rate.label }
    : { rateBasisPoints: 0, label: '' };
}

/** The tax rate for an account, by its billing country: what offers and quotes charge on top of the price. */
export async function taxRateForAccount(db: DbOrTx, accountId: string): Promise<TaxRateFor> {
  const country = (await findAccountBilling(db, accountId))?.country;
  return country ? taxRateFor(db, country) : { rateBasisPoints: 0, label: '' };
}
