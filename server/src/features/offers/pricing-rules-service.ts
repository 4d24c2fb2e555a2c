// The pricing rules in force and their history. Ops publish a whole new version (never edit one), so every
// quote can name the version it was priced under. A database that has never had rules published (no demo
// seed) prices under the built-in DESIGN.md §4 defaults, reported as version 0.

import { DEFAULT_PRICING_RULES } from '@portal/shared/pricing';
import {
  type TPricingRules,
  type TPricingRulesVersion,
  type TPublishPricingRulesRequest,
  ZPricingRules,
} from '@portal/shared/schemas/offers';
import { recordAudit } from '../../platform/audit/service.ts';
import type { DbOrTx } from '../../platform/db/connection.ts';
import { toJson } from '../../platform/db/json.ts';
import type { AppDeps, SessionUser } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import * as repo from './pricing-rules-repo.ts';

const HISTORY_LIMIT = 50;

type VersionRow = NonNullable<Awaited<ReturnType<typeof repo.findLatestVersion>>>;

const BUILT_IN: TPricingRulesVersion = {
  version: 0,
  rules: DEFAULT_PRICING_RULES,
  note: 'Built-in defaults',
  publishedAt: null,
  publishedBy: 'system',
};

function toVersion(row: VersionRow): TPricingRulesVersion {
  return {
    version: row.version,
    // Parsed, not cast: a row written by an older release must still be a valid set of rules.
    rules: ZPricingRules.parse(JSON.parse(row.rules_json)),
    note: row.note,
    publishedAt: row.published_at,
    publishedBy: row.published_by_label,
  };
}

/** Compares two sets of rules field by field (both normalised by the schema, so key order cannot differ). */
function sameRules(a: TPricingRules, b: TPricingRules): boolean {
  return toJson(ZPricingRules.parse(a)) === toJson(ZPricingRules.parse(b));
}

/** The rules in force, with their version. */
export async function currentPricingRules(db: DbOrTx): Promise<TPricingRulesVersion> {
  const row = await repo.findLatestVersion(db);
  return row ? toVersion(row) : BUILT_IN;
}

export async function getPricingRules(
  deps: AppDeps,
): Promise<{ current: TPricingRulesVersion; history: TPricingRulesVersion[] }> {
  const rows = await repo.listVersions(deps.db, HISTORY_LIMIT);
  const history = rows.map(toVersion);
  return { current: history[0] ?? BUILT_IN, history };
}

/**
 * Publishes a new version on top of `basedOnVersion` (409 when someone published in between; 422 when nothing
 * changed). Audited with the rules before and after, in the same transaction. Quotes already made keep the
 * lines and the version they were priced with.
 */
export async function publishPricingRules(
  deps: AppDeps,
  actor: SessionUser,
  input: TPublishPricingRulesRequest,
): Promise<TPricingRulesVersion> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const current = await currentPricingRules(tx);
    if (input.basedOnVersion !== current.version) {
      throw new AppError(
        'conflict',
        `Version ${current.version} was published meanwhile; review it and try again.`,
        {
          fields: { basedOnVersion: `current version is ${current.version}` },
        },
      );
    }
    if (sameRules(input.rules, current.rules)) {
      throw new AppError('rule_violated', 'These rules are the same as the ones in force.');
    }
    const published: TPricingRulesVersion = {
      version: current.version + 1,
      rules: input.rules,
      note: input.note,
      publishedAt: now.toISOString(),
      publishedBy: actor.email,
    };
    await repo.insertVersion(tx, {
      version: published.version,
      rulesJson: toJson(published.rules),
      note: published.note,
      publishedAt: now.toISOString(),
      publishedByUserId: actor.id,
      publishedByLabel: actor.email,
    });
    await recordAudit(tx, {
      actor: { userId: actor.id, label: actor.email },
      accountId: null,
      entityType: 'pricing_rules',
      entityId: `v${published.version}`,
      action: 'pricing_rules.published',
      before: { version: current.version, rules: current.rules },
      after: { version: published.version, rules: published.rules, note: published.note },
      at: now,
    });
    return published;
  });
}
