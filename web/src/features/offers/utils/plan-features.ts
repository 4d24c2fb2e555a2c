// Plan features as the catalog names them, and what an upgrade adds to the current plan.

export const FEATURE_KEYS = [
  'workflows',
  'reports',
  'automations',
  'integrations',
  'audit',
  'sso',
  'email_support',
  'priority_support',
  'success_manager',
] as const;
export type FeatureKey = (typeof FEATURE_KEYS)[number];

export function isFeatureKey(value: string): value is FeatureKey {
  return (FEATURE_KEYS as readonly string[]).includes(value);
}

/** Features of `target` that `current` does not have, in the target's order. */
export function addedFeatures(current: readonly string[], target: readonly string[]): string[] {
  const had = new Set(current);
  return target.filter((feature) => !had.has(feature));
}
