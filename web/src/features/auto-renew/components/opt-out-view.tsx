// The page of the one-click link in every auto-renew notice: no sign-in, it says what would be turned off
// and asks for one confirmation; the answer is shown here and confirmed by e-mail.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { LiveRegion } from '@/components/ui/live-region';
import { Spinner } from '@/components/ui/spinner';
import { useConfirmOptOut, useOptOut } from '@/features/auto-renew/api/opt-out';
import { apiErrorMessage } from '@/lib/api-error-message';
import { useFormat } from '@/lib/format';
import { changeLocale } from '@/lib/i18n';
import { paths } from '@/lib/paths';

export function OptOutView({ token }: { token: string }) {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const query = useOptOut(token);
  const confirm = useConfirmOptOut(token);
  const hasLocale = useRef(false);

  // The link came in an e-mail in the account's language: speak it here too.
  useEffect(() => {
    if (!query.data || hasLocale.current) return;
    hasLocale.current = true;
    void changeLocale(query.data.locale);
  }, [query.data]);

  if (!token || query.isError) {
    return (
      <div className="stack">
        <Alert tone="error">{t('optOut.invalid')}</Alert>
        <p>
          <Link to={paths.signIn}>{t('optOut.signIn')}</Link>
        </p>
      </div>
    );
  }
  if (query.isPending) return <Spinner label={t('optOut.loading')} />;

  const info = query.data;
  const summary = info.amount
    ? t('optOut.summaryAmount', {
        label: info.subscriptionLabel,
        account: info.accountName,
        date: format.date(info.termEnd),
        amount: format.money(info.amount),
      })
    : t('optOut.summary', {
        label: info.subscriptionLabel,
        account: info.accountName,
        date: format.date(info.termEnd),
      });

  return (
    <div className="stack">
      <LiveRegion>
        {confirm.isSuccess ? (
          <Alert tone="success">{t('optOut.done', { label: info.subscriptionLabel })}</Alert>
        ) : null}
      </LiveRegion>
      {confirm.isSuccess ? null : info.isTooLate ? (
        <Alert tone="error">{t('optOut.tooLate')}</Alert>
      ) : !info.isEnabled ? (
        <Alert tone="info">{t('optOut.alreadyOff', { label: info.subscriptionLabel })}</Alert>
      ) : (
        <>
          <p>{summary}</p>
          <p>{t('optOut.question')}</p>
          {confirm.error ? <Alert tone="error">{apiErrorMessage(confirm.error, tApp)}</Alert> : null}
          <Button variant="danger" isLoading={confirm.isPending} onClick={() => confirm.mutate()}>
            {t('optOut.confirm')}
          </Button>
        </>
      )}
    </div>
  );
}
