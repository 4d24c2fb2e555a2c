// A run's counters as a short sentence in the reader's language (the known ones first, then any other).

import type { TFunction } from 'i18next';

const KNOWN = [
  'notices_sent',
  'reminders_sent',
  'charges_succeeded',
  'charges_declined',
  'charges_requiring_action',
  'charges_deferred',
  'needs_attention',
  'renewals_expired',
] as const;

export function runSummary(stats: Record<string, number>, t: TFunction<'autoRenew'>): string[] {
  const parts: string[] = [];
  for (const key of KNOWN) {
    const count = stats[key];
    if (count) parts.push(t(`ops.stats.${key}`, { count }));
  }
  for (const [name, count] of Object.entries(stats)) {
    // Step timings (ms_*) are for the logs and the benchmark, not for this sentence.
    if (!count || name.startsWith('ms_') || (KNOWN as readonly string[]).includes(name)) continue;
    parts.push(t('ops.stats.other', { name: name.replaceAll('_', ' '), count }));
  }
  return parts;
}
