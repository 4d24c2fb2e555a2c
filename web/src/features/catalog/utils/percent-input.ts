// Percentages as ops type them ("8", "12.5") and the integer basis points the rules store (800, 1250):
// converted by string, so no float ever reaches a rule.

const PERCENT_RE = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** "12.5" → 1250; null when it is not a percentage from 0 to 100 with at most two decimals. */
export function percentToBasisPoints(value: string): number | null {
  const match = PERCENT_RE.exec(value.trim());
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return basisPoints <= 10_000 ? basisPoints : null;
}

/** 1250 → "12.5", 800 → "8". */
export function basisPointsToPercent(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
