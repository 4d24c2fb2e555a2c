// /finance/month-end and /finance/kpis: the month-end summary by currency, and the renewal KPIs with charts.

import { calendarDateIn } from '@portal/shared/dates';
import { useTranslation } from 'react-i18next';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { KpisView } from '@/features/finance/components/kpis-view';
import { MonthEndView } from '@/features/finance/components/month-end-view';
import { ChurnReasonsChart } from '@/features/retention/components/churn-reasons-chart';
import '@/features/finance/finance.css';

/** Today in the viewer's own time zone (the server decides the vendor's; this only picks defaults). */
function localToday(): string {
  return calendarDateIn(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

function previousMonth(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export function FinanceMonthEndRoute() {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['finance']}>
      <ContentLayout title={t('monthEnd.title')} titleSuffix={tApp('app.name')} lead={t('monthEnd.intro')}>
        <MonthEndView defaultMonth={previousMonth(localToday())} />
      </ContentLayout>
    </RequireRole>
  );
}

export function FinanceKpisRoute() {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['finance']}>
      <ContentLayout title={t('kpis.title')} titleSuffix={tApp('app.name')} lead={t('kpis.intro')}>
        <div className="stack">
          <KpisView today={localToday()} />
          <ChurnReasonsChart />
        </div>
      </ContentLayout>
    </RequireRole>
  );
}
