// What an upgrade adds to the current plan, as a list of features.

import { useTranslation } from 'react-i18next';
import { addedFeatures, isFeatureKey } from '@/features/offers/utils/plan-features';

type PlanGainsProps = { current: readonly string[]; target: readonly string[]; planName: string };

export function PlanGains({ current, target, planName }: PlanGainsProps) {
  const { t } = useTranslation('offers');
  const gains = addedFeatures(current, target);
  if (!gains.length) return null;
  return (
    <div className="plan-gains">
      <p className="plan-gains__title">{t('gains', { plan: planName })}</p>
      <ul className="plan-gains__list">
        {gains.map((feature) => (
          <li key={feature}>{isFeatureKey(feature) ? t(`features.${feature}`) : feature}</li>
        ))}
      </ul>
    </div>
  );
}
