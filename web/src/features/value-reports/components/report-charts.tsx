// The report's charts (recharts), each with its table: active users against seats, automations, support
// tickets and core-module adoption. (The PDF is drawn on the server: value-reports/pdf.ts.)

import type { TModuleAdoption, TMonthlyPoint } from '@portal/shared/schemas/value-reports';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure } from '@/features/value-reports/components/chart-figure';
import { useFigures } from '@/features/value-reports/utils/format-figures';

const COLORS = { primary: '#4338ca', secondary: '#0f766e', tertiary: '#b54708', muted: '#8792a2' };
function Frame({ children }: { children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      {children}
    </ResponsiveContainer>
  );
}

type ChartsProps = {
  monthly: readonly TMonthlyPoint[];
  modules: readonly TModuleAdoption[];
  seats: number;
};

export function ReportCharts({ monthly, modules, seats }: ChartsProps) {
  const { t } = useTranslation('valueReports');
  const f = useFigures();
  const data = monthly.map((point) => ({
    ...point,
    label: f.month(point.month),
    automations: point.metrics.automations_run ?? null,
    opened: point.metrics.tickets_opened ?? null,
    resolved: point.metrics.tickets_resolved ?? null,
  }));
  type Row = (typeof data)[number];
  const show = (value: number | null, digits = 0) => (value === null ? '—' : f.number(value, digits));
  const monthColumn = { key: 'month', label: t('charts.month'), render: (row: Row) => row.label };
  const hasAutomations = data.some((row) => row.automations !== null);
  const hasTickets = data.some((row) => row.opened !== null || row.resolved !== null);
  const moduleData = modules.map((m) => ({
    ...m,
    label: t(`modules.${m.module}` as 'modules.workflows', { defaultValue: m.module }),
    pct: m.adoptionPct ?? 0,
  }));
  const axis = { fontSize: 12, fill: '#4f5b76' };

  return (
    <div className="vr-charts">
      <ChartFigure
        title={t('charts.activeUsersTitle')}
        rows={data}
        rowKey={(row) => row.month}
        columns={[
          monthColumn,
          {
            key: 'avg',
            label: t('charts.activeUsersAverage'),
            render: (row) => show(row.activeUsersAverage, 1),
            isNumeric: true,
          },
          {
            key: 'peak',
            label: t('charts.activeUsersPeak'),
            render: (row) => show(row.activeUsersPeak),
            isNumeric: true,
          },
          { key: 'seats', label: t('charts.seats'), render: () => f.number(seats), isNumeric: true },
        ]}
        chart={
          <Frame>
            <LineChart
              data={data}
              accessibilityLayer={false}
              margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
            >
              <CartesianGrid stroke="#e3e8ee" vertical={false} />
              <XAxis dataKey="label" tick={axis} />
              <YAxis tick={axis} width={40} domain={[0, Math.max(seats, 1)]} />
              <Tooltip />
              <Legend />
              <ReferenceLine
                y={seats}
                stroke={COLORS.muted}
                strokeDasharray="4 4"
                label={t('charts.seats')}
              />
              <Line
                type="monotone"
                dataKey="activeUsersAverage"
                name={t('charts.activeUsersAverage')}
                stroke={COLORS.primary}
                strokeWidth={2}
                dot={false}
                connectNulls
              />
              <Line
                type="monotone"
                dataKey="activeUsersPeak"
                name={t('charts.activeUsersPeak')}
                stroke={COLORS.secondary}
                strokeWidth={2}
                strokeDasharray="6 3"
                dot={false}
                connectNulls
              />
            </LineChart>
          </Frame>
        }
      />
      {hasAutomations ? (
        <ChartFigure
          title={t('metrics.automations_run')}
          rows={data}
          rowKey={(row) => row.month}
          columns={[
            monthColumn,
            {
              key: 'automations',
              label: t('metrics.automations_run'),
              render: (row) => show(row.automations),
              isNumeric: true,
            },
          ]}
          chart={
            <Frame>
              <BarChart
                data={data}
                accessibilityLayer={false}
                margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
              >
                <CartesianGrid stroke="#e3e8ee" vertical={false} />
                <XAxis dataKey="label" tick={axis} />
                <YAxis tick={axis} width={56} />
                <Tooltip />
                <Bar dataKey="automations" name={t('metrics.automations_run')} fill={COLORS.primary} />
              </BarChart>
            </Frame>
          }
        />
      ) : null}
      {hasTickets ? (
        <ChartFigure
          title={t('charts.outcomesTitle')}
          rows={data}
          rowKey={(row) => row.month}
          columns={[
            monthColumn,
            {
              key: 'opened',
              label: t('metrics.tickets_opened'),
              render: (row) => show(row.opened),
              isNumeric: true,
            },
            {
              key: 'resolved',
              label: t('metrics.tickets_resolved'),
              render: (row) => show(row.resolved),
              isNumeric: true,
            },
          ]}
          chart={
            <Frame>
              <BarChart
                data={data}
                accessibilityLayer={false}
                margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
              >
                <CartesianGrid stroke="#e3e8ee" vertical={false} />
                <XAxis dataKey="label" tick={axis} />
                <YAxis tick={axis} width={40} allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="opened" name={t('metrics.tickets_opened')} fill={COLORS.tertiary} />
                <Bar dataKey="resolved" name={t('metrics.tickets_resolved')} fill={COLORS.secondary} />
              </BarChart>
            </Frame>
          }
        />
      ) : null}
      {moduleData.length > 0 ? (
        <ChartFigure
          title={t('charts.modulesTitle')}
          rows={moduleData}
          rowKey={(row) => row.module}
          columns={[
            { key: 'module', label: t('charts.module'), render: (row) => row.label },
            {
              key: 'pct',
              label: t('charts.adoption'),
              render: (row) => show(row.adoptionPct, 1),
              isNumeric: true,
            },
            {
              key: 'users',
              label: t('charts.averageUsers'),
              render: (row) => show(row.averageUsers, 1),
              isNumeric: true,
            },
            {
              key: 'adopted',
              label: t('charts.adopted'),
              render: (row) => (row.isAdopted ? t('charts.yes') : t('charts.no')),
            },
          ]}
          chart={
            <Frame>
              <BarChart
                data={moduleData}
                layout="vertical"
                accessibilityLayer={false}
                margin={{ top: 8, right: 24, bottom: 0, left: 8 }}
              >
                <CartesianGrid stroke="#e3e8ee" horizontal={false} />
                <XAxis type="number" domain={[0, 100]} unit=" %" tick={axis} />
                <YAxis type="category" dataKey="label" tick={axis} width={110} />
                <Tooltip />
                <Bar dataKey="pct" name={t('charts.adoption')} fill={COLORS.primary} />
              </BarChart>
            </Frame>
          }
        />
      ) : null}
    </div>
  );
}
