// The priced lines of an offer or a quote as a table: what each line is, in the reader's words, and its
// amount; the total is the sum of the lines as the server computed them.

import type { Money } from '@portal/shared/money';
import type { TPriceLine } from '@portal/shared/schemas/offers';
import { useTranslation } from 'react-i18next';
import { formatBasisPoints, priceLineLabel } from '@/features/offers/utils/price-lines';
import { useFormat } from '@/lib/format';

type PriceLinesProps = {
  lines: readonly TPriceLine[];
  total: Money;
  caption: string;
  isCaptionHidden?: boolean;
  /** Names for the plan codes the lines mention. */
  planNames: Readonly<Record<string, string>>;
};

export function PriceLines({ lines, total, caption, isCaptionHidden = false, planNames }: PriceLinesProps) {
  const { t } = useTranslation('offers');
  const format = useFormat();
  const wording = {
    t,
    currency: total.currency,
    money: format.money,
    percent: (basisPoints: number) => formatBasisPoints(basisPoints, format.locale),
    planName: (code: string) => planNames[code] ?? code,
  };
  return (
    <table className="price-lines">
      <caption className={isCaptionHidden ? 'sr-only' : 'price-lines__caption'}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('lineDescription')}</th>
          <th scope="col" className="price-lines__amount">
            {t('lineAmount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={`${line.code}-${index}`} className={`price-lines__row price-lines__row--${line.code}`}>
            <td>{priceLineLabel(line, wording)}</td>
            <td className="price-lines__amount numeric">
              {format.money({ amountMinor: line.amountMinor, currency: total.currency })}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('total')}</th>
          <td className="price-lines__amount numeric">{format.money(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
