// The value report page: the term switch and "Download PDF" (an A4 PDF made on the server, in the reader's
// language), headline figures, highlights, charts with their tables, every
// measure against the previous term, and the ROI estimate with its assumptions.

import { addDays } from '@portal/shared/dates';
import { formatMoney } from '@portal/shared/money';
import type { TValueReport, TValueReportTerm } from '@portal/shared/schemas/value-reports';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ContentLayout } from '@/components/layouts/content-layout';
import { buttonClassName } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useValueReport, valueReportPdfUrl } from '@/features/value-reports/api/get-value-report';
import { HighlightList } from '@/features/value-reports/components/highlight-list';
import { ReportCharts } from '@/features/value-reports/components/report-charts';
import { useFigures } from '@/features/value-reports/utils/format-figures';
import { isApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

type ValueReportViewProps = { id: string; term: TValueReportTerm };

export function ValueReportView({ id, term }: ValueReportViewProps) {
  const { t } = useTranslation('valueReports');
  const { t: tApp } = useTranslation();
  const query = useValueReport(id, term);
  const titleSuffix = tApp('app.name');
  const backLink = (
    <p className="back-link">
      <Link to={paths.subscription(id)}>
        <span aria-hidden="true">← </span>
        {t('backToSubscription')}
      </Link>
    </p>
  );

  if (query.isPending) {
    return (
      <>
        {backLink}
        <Spinner label={t('loading')} />
      </>
    );
  }
  if (query.isError) {
    if (isApiError(query.error, 404)) {
      return (
        <>
          {backLink}
          <ContentLayout title={t('notFoundTitle')} titleSuffix={titleSuffix}>
            <EmptyState
              title={term === 'previous' ? t('noPreviousTerm') : t('notFound')}
              action={<Link to={paths.valueReport(id)}>{t('term.current')}</Link>}
            />
          </ContentLayout>
        </>
      );
    }
    return (
      <>
        {backLink}
        <ErrorState
          title={t('loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }
  return (
    <>
      {backLink}
      <Report report={query.data} />
    </>
  );
}

function Report({ report }: { report: TValueReport }) {
  const { t } = useTranslation('valueReports');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const { period } = report;
  const lastDay = (end: string) => format.date(addDays(end, -1));
  const lead = period.isComplete
    ? t('period', { start: format.date(period.start), end: lastDay(period.end) })
    : t('periodInProgress', {
        start: format.date(period.start),
        end: lastDay(period.end),
        until: lastDay(period.coveredUntil),
        covered: period.daysCovered,
        total: period.daysTotal,
      });

  return (
    <ContentLayout
      title={t('title', { label: report.subscription.label })}
      titleSuffix={tApp('app.name')}
      lead={`${report.subscription.planName} · ${lead}`}
      actions={
        <div className="vr-actions">
          <TermSwitch id={report.subscription.id} term={report.term} hasPrevious={report.hasPreviousTerm} />
          <a
            className={buttonClassName('secondary')}
            href={valueReportPdfUrl(report.subscription.id, report.term, format.locale)}
            download
            aria-describedby="vr-pdf-hint"
          >
            {t('downloadPdf')}
          </a>
          <p id="vr-pdf-hint" className="vr-actions__hint">
            {t('downloadPdfHint')}
          </p>
        </div>
      }
    >
      {!report.hasData ? (
        <EmptyState title={t('noData')} />
      ) : (
        <div className="vr-report stack">
          <Headline report={report} />
          <Card title={t('highlightsTitle')}>
            <HighlightList highlights={report.highlights} />
            <p className="vr-note">
              {report.comparisonPeriod
                ? t('comparedWith', {
                    days: report.period.daysCovered,
                    start: format.date(report.comparisonPeriod.start),
                    end: lastDay(report.comparisonPeriod.end),
                  })
                : t('noComparison')}
            </p>
          </Card>
          <ReportCharts
            monthly={report.monthly}
            modules={report.modules}
            seats={report.seatUtilisation.seats}
          />
          <Totals report={report} />
          <Roi report={report} />
        </div>
      )}
    </ContentLayout>
  );
}

function TermSwitch({ id, term, hasPrevious }: { id: string; term: TValueReportTerm; hasPrevious: boolean }) {
  const { t } = useTranslation('valueReports');
  return (
    <nav className="vr-term-switch" aria-label={t('term.label')}>
      <Link
        to={paths.valueReport(id)}
        className="vr-term-switch__link"
        aria-current={term === 'current' ? 'page' : undefined}
      >
        {t('term.current')}
      </Link>
      {hasPrevious ? (
        <Link
          to={paths.valueReport(id, 'previous')}
          className="vr-term-switch__link"
          aria-current={term === 'previous' ? 'page' : undefined}
        >
          {t('term.previous')}
        </Link>
      ) : null}
    </nav>
  );
}

function Headline({ report }: { report: TValueReport }) {
  const { t } = useTranslation('valueReports');
  const f = useFigures();
  const seats = report.seatUtilisation;
  const automations = report.totals.find((total) => total.metric === 'automations_run');
  const adopted = report.modules.filter((m) => m.isAdopted).length;
  const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency }, f.locale);
  const items: { label: string; value: string; detail?: string }[] = [];
  if (seats.averagePct !== null) {
    items.push({
      label: t('headline.seatUtilisation'),
      value: `${f.number(seats.averagePct, 1)} %`,
      detail: t('headline.seatUtilisationDetail', {
        average: f.number(seats.averageActiveUsers ?? 0, 1),
        count: seats.seats,
        seats: f.number(seats.seats),
        peak: f.number(seats.peakActiveUsers ?? 0),
      }),
    });
  }
  if (automations?.value) {
    items.push({
      label: t('headline.automations'),
      value: f.number(automations.value),
      detail: f.change(automations.changePct),
    });
  }
  if (report.roi && report.roi.hoursSaved > 0) {
    items.push({ label: t('headline.hoursSaved'), value: f.number(report.roi.hoursSaved) });
  }
  if (report.modules.length > 0) {
    items.push({
      label: t('headline.modules'),
      value: t('headline.modulesDetail', { adopted, total: report.modules.length }),
    });
  }
  if (report.roi?.ratio) {
    items.push({
      label: t('headline.roi'),
      value: t('roi.ratioValue', { ratio: f.number(report.roi.ratio, 2) }),
      detail: t('headline.roiDetail', {
        value: money(report.roi.estimatedValue.amountMinor, report.roi.estimatedValue.currency),
        price: money(report.roi.pricePaidForPeriod.amountMinor, report.roi.pricePaidForPeriod.currency),
      }),
    });
  }
  return (
    <section aria-labelledby="vr-headline" className="vr-headline">
      <h2 id="vr-headline" className="sr-only">
        {t('headlineTitle')}
      </h2>
      <dl className="vr-headline__list">
        {items.map((item) => (
          <div key={item.label} className="vr-headline__item">
            <dt>{item.label}</dt>
            <dd className="vr-headline__value numeric">{item.value}</dd>
            {item.detail ? <dd className="vr-headline__detail">{item.detail}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

function Totals({ report }: { report: TValueReport }) {
  const { t } = useTranslation('valueReports');
  const f = useFigures();
  const show = (value: number | null) => (value === null ? t('change.na') : f.number(value, 2));
  return (
    <Card title={t('totalsTitle')}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="table-scroll" tabIndex={0} aria-label={t('totalsTitle')}>
        <table className="table">
          <caption className="sr-only">{t('totalsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('totals.metric')}</th>
              <th scope="col" className="numeric">
                {t('totals.value')}
              </th>
              <th scope="col" className="numeric">
                {t('totals.previous')}
              </th>
              <th scope="col" className="numeric">
                {t('totals.change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.totals.map((total) => (
              <tr key={total.metric}>
                <th scope="row">
                  {t(`metrics.${total.metric}` as 'metrics.active_users', { defaultValue: total.name })}{' '}
                  <span className="vr-muted">({t(`totals.howAggregated.${total.aggregation}`)})</span>
                </th>
                <td className="numeric">{show(total.value)}</td>
                <td className="numeric">{show(total.previousValue)}</td>
                <td className="numeric">{f.change(total.changePct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Card>
  );
}

function Roi({ report }: { report: TValueReport }) {
  const { t } = useTranslation('valueReports');
  const f = useFigures();
  const roi = report.roi;
  if (!roi) return null;
  const money = (value: { amountMinor: number; currency: string }) => formatMoney(value, f.locale);
  return (
    <Card title={t('roiTitle')}>
      <dl className="vr-roi">
        <div>
          <dt>{t('roi.estimatedValue')}</dt>
          <dd className="numeric">{money(roi.estimatedValue)}</dd>
        </div>
        <div>
          <dt>{t('roi.priceForPeriod')}</dt>
          <dd className="numeric">{money(roi.pricePaidForPeriod)}</dd>
        </div>
        <div>
          <dt>{t('roi.pricePaid')}</dt>
          <dd className="numeric">{money(roi.pricePaid)}</dd>
        </div>
        <div>
          <dt>{t('roi.ratio')}</dt>
          <dd className="numeric">
            {roi.ratio === null ? t('change.na') : t('roi.ratioValue', { ratio: f.number(roi.ratio, 2) })}
          </dd>
        </div>
        <div>
          <dt>{t('roi.hoursSaved')}</dt>
          <dd className="numeric">{f.number(roi.hoursSaved, 1)}</dd>
        </div>
      </dl>
      <h3 className="vr-subtitle">{t('roi.assumptionsTitle')}</h3>
      <ul className="vr-assumptions">
        <li>{t('roi.hourlyCost', { cost: money(roi.assumptions.hourlyCost) })}</li>
        {roi.assumptions.perMetric.map((m) => (
          <li key={m.metric}>
            {t('roi.perMetric', {
              units: f.number(m.units),
              metric: t(`metrics.${m.metric}` as 'metrics.active_users', { defaultValue: m.name }),
              minutes: f.number(m.minutesPerUnit, 1),
            })}
          </li>
        ))}
        <li>{roi.assumptions.priceBasis === 'contract' ? t('roi.basisContract') : t('roi.basisCurrent')}</li>
      </ul>
    </Card>
  );
}
