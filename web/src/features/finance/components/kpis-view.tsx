// Renewal KPIs for a chosen period: what was due and what became of it (on time, late, churned, open), logo
// renewal rate, GRR and NRR per currency, auto-renew adoption, multi-year uptake, days before expiry at
// renewal; a chart of the outcomes per month with the same figures as a table.

import { addDays } from '@portal/shared/dates';
import type { TKpis } from '@portal/shared/schemas/finance';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { type KpiPeriod, useKpis } from '@/features/finance/api/get-kpis';
import { ChartFigure } from '@/features/finance/components/chart-figure';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { apiErrorMessage } from '@/lib/api-error-message';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COLORS = { onTime: '#17602f', late: '#b54708', churned: '#b42318', open: '#8792a2' };

export function presetPeriods(
  today: string,
): Record<'last12' | 'thisYear' | 'lastYear' | 'next90', KpiPeriod> {
  const year = Number(today.slice(0, 4));
  return {
    last12: { from: addDays(`${year - 1}${today.slice(4)}`, 1), to: today },
    thisYear: { from: `${year}-01-01`, to: `${year}-12-31` },
    lastYear: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
    next90: { from: today, to: addDays(today, 90) },
  };
}

export function KpisView({ today }: { today: string }) {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const presets = presetPeriods(today);
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const period = DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : presets.last12;
  const [draft, setDraft] = useState(period);
  const query = useKpis(period);
  const apply = (next: KpiPeriod) => {
    setDraft(next);
    setSearch({ from: next.from, to: next.to }, { replace: true });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from <= draft.to) apply(draft);
  };

  return (
    <div className="stack stack--lg">
      <form className="finance-filters" aria-label={t('kpis.period')} onSubmit={onSubmit}>
        <TextField
          label={t('kpis.from')}
          type="date"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          label={t('kpis.to')}
          type="date"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <Button type="submit" variant="secondary">
          {t('common.apply')}
        </Button>
        {(Object.keys(presets) as (keyof typeof presets)[]).map((key) => (
          <Button key={key} variant="ghost" size="sm" onClick={() => apply(presets[key])}>
            {t(`kpis.presets.${key}`)}
          </Button>
        ))}
      </form>
      {query.isPending ? (
        <SkeletonList label={t('common.loading')} rows={3} />
      ) : query.isError ? (
        <ErrorState
          title={t('common.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <Kpis kpis={query.data} />
      )}
    </div>
  );
}

function Kpis({ kpis }: { kpis: TKpis }) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const tiles: { key: string; label: string; value: string; detail?: string }[] = [
    { key: 'due', label: t('kpis.due'), value: format.number(kpis.due) },
    { key: 'onTime', label: t('kpis.renewedOnTime'), value: format.number(kpis.renewedOnTime) },
    { key: 'late', label: t('kpis.renewedLate'), value: format.number(kpis.renewedLate) },
    { key: 'churned', label: t('kpis.churned'), value: format.number(kpis.churned) },
    { key: 'open', label: t('kpis.open'), value: format.number(kpis.open) },
    {
      key: 'logo',
      label: t('kpis.logoRenewal'),
      value: format.rate(kpis.logoRenewalRateBp, t('kpis.notApplicable')),
    },
    {
      key: 'autoRenew',
      label: t('kpis.autoRenewAdoption'),
      value: format.rate(kpis.autoRenew.adoptionBp, t('kpis.notApplicable')),
      detail: t('kpis.autoRenewDetail', {
        enabled: kpis.autoRenew.enabled,
        live: kpis.autoRenew.live,
        renewals: kpis.autoRenew.renewalsByAutoRenew,
      }),
    },
    {
      key: 'multiYear',
      label: t('kpis.multiYear'),
      value: format.rate(kpis.multiYear.uptakeBp, t('kpis.notApplicable')),
      detail: t('kpis.multiYearDetail', {
        multi: kpis.multiYear.multiYearRenewals,
        renewals: kpis.multiYear.renewals,
      }),
    },
    {
      key: 'days',
      label: t('kpis.daysBefore'),
      value:
        kpis.averageDaysBeforeExpiry === null
          ? t('kpis.notApplicable')
          : t('kpis.daysValue', { days: format.number(kpis.averageDaysBeforeExpiry) }),
    },
  ];
  const monthLabel = (month: string) =>
    new Intl.DateTimeFormat(format.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  const data = kpis.months.map((m) => ({ ...m, label: monthLabel(m.month) }));
  type Row = (typeof data)[number];

  return (
    <>
      <ul className="finance-tiles">
        {tiles.map((tile) => (
          <li key={tile.key} className="finance-tile">
            <span className="finance-tile__label">{tile.label}</span>
            <span className="finance-tile__value">{tile.value}</span>
            {tile.detail ? <span className="finance-tile__detail">{tile.detail}</span> : null}
          </li>
        ))}
      </ul>
      <Card title={t('kpis.retentionTitle')}>
        {kpis.retention.length === 0 ? (
          <p>{t('kpis.noRetention')}</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <section className="table-scroll" aria-label={t('kpis.retentionCaption')} tabIndex={0}>
            <table className="table finance-table">
              <caption className="sr-only">{t('kpis.retentionCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('common.currency')}</th>
                  <th scope="col" className="numeric">
                    {t('kpis.starting')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('kpis.expansion')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('kpis.contraction')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('kpis.churnedValue')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('kpis.grr')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('kpis.nrr')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {kpis.retention.map((r) => {
                  const money = (amountMinor: number) => format.money({ amountMinor, currency: r.currency });
                  return (
                    <tr key={r.currency}>
                      <th scope="row">{r.currency}</th>
                      <td className="numeric">{money(r.startingMinor)}</td>
                      <td className="numeric">{money(r.expansionMinor)}</td>
                      <td className="numeric">{money(r.contractionMinor)}</td>
                      <td className="numeric">{money(r.churnedMinor)}</td>
                      <td className="numeric">{format.rate(r.grossRetentionBp, t('kpis.notApplicable'))}</td>
                      <td className="numeric">{format.rate(r.netRetentionBp, t('kpis.notApplicable'))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        )}
      </Card>
      <ChartFigure<Row>
        title={t('kpis.monthsChart')}
        rows={data}
        rowKey={(row) => row.month}
        columns={[
          { key: 'month', label: t('kpis.month'), render: (row) => row.label },
          { key: 'due', label: t('kpis.due'), render: (row) => row.due, isNumeric: true },
          {
            key: 'onTime',
            label: t('kpis.renewedOnTime'),
            render: (row) => row.renewedOnTime,
            isNumeric: true,
          },
          { key: 'late', label: t('kpis.renewedLate'), render: (row) => row.renewedLate, isNumeric: true },
          { key: 'churned', label: t('kpis.churned'), render: (row) => row.churned, isNumeric: true },
          { key: 'open', label: t('kpis.open'), render: (row) => row.open, isNumeric: true },
        ]}
        chart={
          <ResponsiveContainer width="100%" height={260}>
            <BarChart
              data={data}
              margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#4f5b76' }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#4f5b76' }} width={32} />
              <Tooltip />
              <Legend />
              <Bar
                dataKey="renewedOnTime"
                stackId="due"
                name={t('kpis.renewedOnTime')}
                fill={COLORS.onTime}
              />
              <Bar dataKey="renewedLate" stackId="due" name={t('kpis.renewedLate')} fill={COLORS.late} />
              <Bar dataKey="churned" stackId="due" name={t('kpis.churned')} fill={COLORS.churned} />
              <Bar dataKey="open" stackId="due" name={t('kpis.open')} fill={COLORS.open} />
            </BarChart>
          </ResponsiveContainer>
        }
      />
    </>
  );
}
