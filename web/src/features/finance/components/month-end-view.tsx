// The month-end summary: a month picker, one row per currency (gross, fees, refunds, disputes, other, net,
// paid out), open exceptions to clear first, and the CSV.

import type { TMonthEndRow } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonList } from '@/components/ui/skeleton-list';
import { TextField } from '@/components/ui/text-field';
import { monthEndCsvUrl, useMonthEnd } from '@/features/finance/api/get-month-end';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { apiErrorMessage } from '@/lib/api-error-message';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function MonthEndView({ defaultMonth }: { defaultMonth: string }) {
  const { t } = useTranslation('finance');
  const { t: tApp } = useTranslation();
  const format = useFinanceFormat();
  const [search, setSearch] = useSearchParams();
  const asked = search.get('month') ?? '';
  const month = MONTH.test(asked) ? asked : defaultMonth;
  const query = useMonthEnd(month);
  const columns: [keyof TMonthEndRow, string][] = [
    ['grossMinor', t('monthEnd.gross')],
    ['feesMinor', t('monthEnd.fees')],
    ['refundsMinor', t('monthEnd.refunds')],
    ['disputesMinor', t('monthEnd.disputes')],
    ['otherMinor', t('monthEnd.other')],
    ['netMinor', t('monthEnd.net')],
    ['paidOutMinor', t('monthEnd.paidOut')],
  ];

  return (
    <div className="stack stack--lg">
      <div className="finance-filters">
        <TextField
          label={t('monthEnd.month')}
          type="month"
          value={month}
          onChange={(event) => {
            if (MONTH.test(event.target.value)) setSearch({ month: event.target.value }, { replace: true });
          }}
        />
        <a className="button button--secondary" href={monthEndCsvUrl(month)} download>
          {t('common.downloadCsv')}
        </a>
      </div>
      {query.isPending ? (
        <SkeletonList label={t('common.loading')} rows={2} />
      ) : query.isError ? (
        <ErrorState
          title={t('common.loadFailed')}
          detail={apiErrorMessage(query.error, tApp)}
          retryLabel={tApp('common.tryAgain')}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <>
          {query.data.openExceptions > 0 ? (
            <Alert tone="info">{t('monthEnd.openExceptions', { count: query.data.openExceptions })}</Alert>
          ) : (
            <p className="finance-muted">{t('monthEnd.noOpenExceptions')}</p>
          )}
          {query.data.rows.length === 0 ? (
            <EmptyState title={t('monthEnd.empty')} />
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            <section className="table-scroll" aria-label={t('monthEnd.tableCaption')} tabIndex={0}>
              <table className="table finance-table">
                <caption className="sr-only">{t('monthEnd.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('common.currency')}</th>
                    {columns.map(([key, label]) => (
                      <th key={key} scope="col" className="numeric">
                        {label}
                      </th>
                    ))}
                    <th scope="col" className="numeric">
                      {t('monthEnd.transactions')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {query.data.rows.map((row) => (
                    <tr key={row.currency}>
                      <th scope="row">{row.currency}</th>
                      {columns.map(([key]) => (
                        <td key={key} className="numeric">
                          {format.money({ amountMinor: row[key] as number, currency: row.currency })}
                        </td>
                      ))}
                      <td className="numeric">{format.number(row.transactionCount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </div>
  );
}
