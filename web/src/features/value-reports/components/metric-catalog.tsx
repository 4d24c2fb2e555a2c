// The metric catalog for ops: every metric with how it adds up, and a small form to add one.

import {
  METRIC_AGGREGATIONS,
  METRIC_UNITS,
  type TMetricAggregation,
  type TMetricUnit,
} from '@portal/shared/schemas/value-reports';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { LiveRegion } from '@/components/ui/live-region';
import { SelectField } from '@/components/ui/select-field';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { useCreateMetric } from '@/features/value-reports/api/create-metric';
import { useMetrics } from '@/features/value-reports/api/get-metrics';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';

const EMPTY = {
  code: '',
  name: '',
  unit: 'count' as TMetricUnit,
  aggregation: 'sum' as TMetricAggregation,
  minutes: '',
  module: '',
};

export function MetricCatalog() {
  const { t } = useTranslation('valueReports');
  const { t: tApp } = useTranslation();
  const query = useMetrics();
  const create = useCreateMetric();
  const [form, setForm] = useState(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const fields = isApiError(create.error) ? create.error.fields : {};

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    create.mutate(
      {
        code: form.code.trim(),
        name: form.name,
        unit: form.unit,
        aggregation: form.aggregation,
        valuePerUnitMinutes: form.minutes.trim() ? Number(form.minutes) : null,
        module: form.module.trim() || null,
      },
      {
        onSuccess: (metric) => {
          setNotice(t('catalog.added', { name: metric.name }));
          setForm(EMPTY);
        },
      },
    );
  };

  return (
    <Card title={t('catalog.title')}>
      <p className="vr-muted">{t('catalog.intro')}</p>
      {query.isPending ? (
        <SkeletonList label={t('catalog.loading')} rows={2} />
      ) : query.isError ? (
        <ErrorState
          title={t('catalog.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        <section className="table-scroll" aria-label={t('catalog.tableCaption')} tabIndex={0}>
          <table className="table">
            <caption className="sr-only">{t('catalog.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalog.code')}</th>
                <th scope="col">{t('catalog.name')}</th>
                <th scope="col">{t('catalog.unit')}</th>
                <th scope="col">{t('catalog.aggregation')}</th>
                <th scope="col" className="numeric">
                  {t('catalog.valuePerUnit')}
                </th>
                <th scope="col">{t('catalog.module')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((metric) => (
                <tr key={metric.code}>
                  <th scope="row">
                    <code>{metric.code}</code>
                  </th>
                  <td>{metric.name}</td>
                  <td>{t(`catalog.units.${metric.unit}`)}</td>
                  <td>{t(`catalog.aggregations.${metric.aggregation}`)}</td>
                  <td className="numeric">{metric.valuePerUnitMinutes ?? '—'}</td>
                  <td>{metric.module ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <h3 className="vr-subtitle">{t('catalog.addTitle')}</h3>
      {create.error && !Object.keys(fields).length ? (
        <Alert tone="error">{apiErrorMessage(create.error, tApp)}</Alert>
      ) : null}
      <LiveRegion>{notice ? <Alert tone="success">{notice}</Alert> : null}</LiveRegion>
      <form className="metric-form" onSubmit={onSubmit}>
        <TextField
          label={t('catalog.code')}
          hint={t('catalog.codeHint')}
          value={form.code}
          required
          pattern="[a-z][a-z0-9_]{1,47}"
          onChange={(event) => setForm({ ...form, code: event.target.value })}
          error={fields.code}
        />
        <TextField
          label={t('catalog.name')}
          value={form.name}
          required
          maxLength={80}
          onChange={(event) => setForm({ ...form, name: event.target.value })}
          error={fields.name}
        />
        <SelectField
          label={t('catalog.unit')}
          value={form.unit}
          onChange={(event) => setForm({ ...form, unit: event.target.value as TMetricUnit })}
          options={METRIC_UNITS.map((unit) => ({ value: unit, label: t(`catalog.units.${unit}`) }))}
        />
        <SelectField
          label={t('catalog.aggregation')}
          value={form.aggregation}
          onChange={(event) => setForm({ ...form, aggregation: event.target.value as TMetricAggregation })}
          options={METRIC_AGGREGATIONS.map((a) => ({ value: a, label: t(`catalog.aggregations.${a}`) }))}
        />
        <TextField
          label={t('catalog.valuePerUnit')}
          hint={t('catalog.valuePerUnitHint')}
          type="number"
          min={0}
          step="any"
          value={form.minutes}
          onChange={(event) => setForm({ ...form, minutes: event.target.value })}
          error={fields.valuePerUnitMinutes}
        />
        <TextField
          label={t('catalog.module')}
          hint={t('catalog.moduleHint')}
          value={form.module}
          onChange={(event) => setForm({ ...form, module: event.target.value })}
          error={fields.module}
        />
        <div>
          <Button type="submit" isLoading={create.isPending}>
            {t('catalog.add')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
