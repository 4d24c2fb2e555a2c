// Demo pricing: the first published version of the pricing rules (DESIGN.md §4 defaults) and the first entry
// of every catalog price's history, so the ops pages start with a baseline to compare edits against.

import { DEFAULT_PRICING_RULES } from '@portal/shared/pricing';
import type { DbOrTx } from '../platform/db/connection.ts';
import { newId } from '../platform/db/ids.ts';
import { toJson } from '../platform/db/json.ts';

const SEED_ACTOR = 'system:seed';

export async function seedPricing(db: DbOrTx, nowIso: string): Promise<void> {
  await db
    .insertInto('pricing_rule_versions')
    .values({
      version: 1,
      rules_json: toJson(DEFAULT_PRICING_RULES),
      note: 'Launch rules',
      published_at: nowIso,
      published_by_user_id: null,
      published_by_label: SEED_ACTOR,
    })
    .execute();
  const prices = await db.selectFrom('plan_prices').selectAll().execute();
  if (!prices.length) return;
  await db
    .insertInto('plan_price_history')
    .values(
      prices.map((price) => ({
        id: newId('pph'),
        plan_id: price.plan_id,
        currency: price.currency,
        unit_amount_minor: price.unit_amount_minor,
        previous_amount_minor: null,
        effective_at: price.updated_at,
        changed_by_user_id: null,
        changed_by_label: SEED_ACTOR,
      })),
    )
    .execute();
}
