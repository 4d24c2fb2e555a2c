// Words for priced lines. The server sends each line with a code and its parameters (never a sentence), so
// every line reads in the viewer's language; plan names come from the offer or quote it belongs to.

import type { Money } from '@portal/shared/money';
import type { TPriceLine } from '@portal/shared/schemas/offers';
import type { TFunction } from 'i18next';

export type LineWording = {
  t: TFunction<'offers'>;
  currency: string;
  money: (value: Money) => string;
  percent: (basisPoints: number) => string;
  planName: (code: string) => string;
};

/** Basis points as a percentage for the locale (1500 → "15%", 1250 → "12.5%"). */
export function formatBasisPoints(basisPoints: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}

export function priceLineLabel(line: TPriceLine, w: LineWording): string {
  const { t } = w;
  const money = (amountMinor: number) => w.money({ amountMinor, currency: w.currency });
  switch (line.code) {
    case 'list':
      return t('lines.list', {
        plan: w.planName(line.planCode),
        seats: t('seatCount', { count: line.seats }),
        unit: money(line.unitAmountMinor),
        term: t('term', { count: line.termYears }),
      });
    case 'seat_addition':
      return t('lines.seatAddition', {
        seats: t('seatCount', { count: line.addedSeats }),
        unit: money(line.unitAmountMinor),
        days: line.remainingDays,
        termDays: line.termDays,
      });
    case 'discount':
      switch (line.reason) {
        case 'multi_year':
          return t('lines.multiYear', {
            term: t('term', { count: line.termYears ?? 1 }),
            percent: w.percent(line.basisPoints),
          });
        case 'early_renewal':
          return t('lines.earlyRenewal', {
            percent: w.percent(line.basisPoints),
            count: line.daysBeforeTermEnd ?? 0,
          });
        case 'upgrade_incentive':
          return t('lines.upgradeIncentive', { percent: w.percent(line.basisPoints) });
        case 'retention':
          return t('lines.retention', { percent: w.percent(line.basisPoints) });
        default: {
          const unreachable: never = line.reason;
          return String(unreachable);
        }
      }
    case 'discount_cap':
      return t('lines.discountCap', { percent: w.percent(line.capBasisPoints) });
    case 'proration_credit':
      return t('lines.prorationCredit', {
        plan: w.planName(line.fromPlanCode),
        days: line.remainingDays,
        termDays: line.termDays,
      });
    case 'tax':
      return t('lines.tax', { percent: w.percent(line.rateBasisPoints) });
    default: {
      const unreachable: never = line;
      return String(unreachable);
    }
  }
}
