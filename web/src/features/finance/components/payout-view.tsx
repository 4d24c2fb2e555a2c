// One payout: its check (the sum of its transactions' net against its amount) and every line of it, with
// the breakdown as CSV.

import type { TPayoutDetail } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { payoutCsvUrl } from '@/features/finance/api/get-payouts';
import { PayoutCheckBadge } from '@/features/finance/components/payouts-list';
import { ReconLinesTable } from '@/features/finance/components/recon-lines-table';
import { useFinanceFormat } from '@/features/finance/utils/format';

export function PayoutView({ detail }: { detail: TPayoutDetail }) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const { payout, lines } = detail;
  return (
    <div className="stack stack--lg">
      <Card
        title={format.money(payout.amount)}
        actions={
          <a className="button button--secondary button--sm" href={payoutCsvUrl(payout.id)} download>
            {t('common.downloadCsv')}
          </a>
        }
      >
        <div className="stack">
          <p>
            <PayoutCheckBadge check={payout.check} />{' '}
            {payout.transactionsNet
              ? t('payout.sumLine', {
                  net: format.money(payout.transactionsNet),
                  amount: format.money(payout.amount),
                })
              : null}
          </p>
          <p className="finance-muted">
            {format.stripeValue(payout.status)} · {t('payouts.arrival')}: {format.timestamp(payout.arrivalAt)}{' '}
            · {t('payout.lines', { count: payout.transactionCount })} · {t('payouts.untraced')}:{' '}
            {format.number(payout.untracedCount)}
          </p>
          {payout.failure ? (
            <Alert tone="error">
              {t('payout.failed', { message: payout.failure.message ?? payout.failure.code })}
            </Alert>
          ) : null}
        </div>
      </Card>
      <ReconLinesTable lines={lines} caption={t('payout.linesCaption')} />
    </div>
  );
}
