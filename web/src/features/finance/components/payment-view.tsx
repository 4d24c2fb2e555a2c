// A payment's page for finance: amounts, account and documents, every Stripe id, refunds and disputes, what
// the reconciliation found, and the history (portal, Stripe events received, audit, payout).

import type { TPaymentDetail } from '@portal/shared/schemas/finance';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ReconClassBadge } from '@/features/finance/components/recon-class-badge';
import { WhenCell } from '@/features/finance/components/when-cell';
import { useFinanceFormat } from '@/features/finance/utils/format';
import { paths } from '@/lib/paths';

const STRIPE_IDS = [
  'customerId',
  'paymentIntentId',
  'chargeId',
  'balanceTransactionId',
  'paymentMethodId',
  'checkoutSessionId',
  'payoutId',
] as const;

export function PaymentView({ payment }: { payment: TPaymentDetail }) {
  const { t } = useTranslation('finance');
  const format = useFinanceFormat();
  const none = t('common.none');
  return (
    <div className="finance-grid">
      <Card title={t('payment.summary')}>
        <dl className="finance-dl">
          <dt>{t('payment.amount')}</dt>
          <dd>{format.money(payment.amount)}</dd>
          <dt>{t('payment.refunded')}</dt>
          <dd>{format.money(payment.refunded)}</dd>
          <dt>{t('payment.fee')}</dt>
          <dd>{format.maybeMoney(payment.fee)}</dd>
          <dt>{t('payment.net')}</dt>
          <dd>{format.maybeMoney(payment.net)}</dd>
          <dt>{t('payment.status')}</dt>
          <dd>
            <Badge tone={payment.status === 'succeeded' ? 'success' : 'neutral'}>
              {format.stripeValue(payment.status)}
            </Badge>
          </dd>
          <dt>{t('payment.fulfilment')}</dt>
          <dd>{format.stripeValue(payment.fulfilmentStatus)}</dd>
          <dt>{t('payment.source')}</dt>
          <dd>{payment.source}</dd>
          <dt>{t('payment.paidAt')}</dt>
          <dd>{payment.paidAt ? format.timestamp(payment.paidAt) : none}</dd>
          <dt>{t('payment.card')}</dt>
          <dd>{payment.card.brand ? `${payment.card.brand} ·· ${payment.card.last4 ?? ''}` : none}</dd>
          <dt>{t('payment.account')}</dt>
          <dd>
            <Link to={`${paths.financeLedger}?q=${encodeURIComponent(payment.account.id)}`}>
              {payment.account.name}
            </Link>
          </dd>
          <dt>{t('payment.subscription')}</dt>
          <dd>{payment.subscription?.label ?? none}</dd>
          <dt>{t('payment.quote')}</dt>
          <dd>{payment.quote?.number ?? none}</dd>
          <dt>{t('payment.invoice')}</dt>
          <dd>{payment.invoice?.number ?? none}</dd>
          <dt>{t('payment.creditNotes')}</dt>
          <dd>
            {payment.creditNotes.length
              ? payment.creditNotes.map((n) => `${n.number} (${format.money(n.amount)})`).join(', ')
              : none}
          </dd>
        </dl>
      </Card>
      <Card title={t('payment.stripeIds')}>
        <dl className="finance-dl finance-dl--ids">
          {STRIPE_IDS.map((key) => (
            <div key={key} className="finance-dl__row">
              <dt>{t(`payment.ids.${key}`)}</dt>
              <dd>
                {key === 'payoutId' && payment.stripe.payoutId ? (
                  <Link to={paths.financePayout(payment.stripe.payoutId)}>{payment.stripe.payoutId}</Link>
                ) : (
                  <code>{payment.stripe[key] ?? none}</code>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t('payment.reconciliation')}>
        {payment.reconciliation.length === 0 ? (
          <p>{t('payment.notReconciled')}</p>
        ) : (
          <ul className="finance-list">
            {payment.reconciliation.map((r) => (
              <li key={`${r.class}:${r.subjectId}`}>
                <ReconClassBadge value={r.class} /> {r.detail ? t(`details.${r.detail}`) : null}{' '}
                <code className="finance-table__id">{r.subjectId}</code>
                {r.exceptionId ? (
                  <Link to={`${paths.finance}#exceptions`} className="finance-list__link">
                    {t('payment.openException')}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {payment.refunds.length ? (
          <>
            <h3 className="finance-subtitle">{t('payment.refunds')}</h3>
            <ul className="finance-list">
              {payment.refunds.map((r) => (
                <li key={r.id}>
                  {format.money(r.amount)} · {format.stripeValue(r.status)} · {format.timestamp(r.at)}{' '}
                  <code>{r.id}</code>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {payment.disputes.length ? (
          <>
            <h3 className="finance-subtitle">{t('payment.disputes')}</h3>
            <ul className="finance-list">
              {payment.disputes.map((d) => (
                <li key={d.id}>
                  {format.money(d.amount)} · {format.stripeValue(d.status)} · {format.stripeValue(d.reason)} ·{' '}
                  {format.timestamp(d.at)} <code>{d.id}</code>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>
      <Card title={t('payment.history')} className="finance-grid__wide">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
        <section className="table-scroll" aria-label={t('payment.historyCaption')} tabIndex={0}>
          <table className="table finance-table">
            <caption className="sr-only">{t('payment.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.date')}</th>
                <th scope="col">{t('payment.historyWhat')}</th>
                <th scope="col">{t('payment.historyDetail')}</th>
                <th scope="col" className="numeric">
                  {t('common.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {payment.history.map((h) => (
                <tr key={`${h.at}:${h.kind}:${h.label}:${h.detail ?? ''}`}>
                  <th scope="row">
                    <WhenCell at={h.at} />
                  </th>
                  <td>{t(`payment.kinds.${h.kind}` as 'payment.kinds.refund', { defaultValue: h.kind })}</td>
                  <td>
                    {h.label}
                    {h.detail ? <span className="finance-table__id">{h.detail}</span> : null}
                  </td>
                  <td className="numeric">{format.maybeMoney(h.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </Card>
    </div>
  );
}
