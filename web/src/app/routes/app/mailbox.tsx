// /ops/mailbox and /ops/mailbox/:id: every e-mail the portal produced, and one read as its recipient sees it.

import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RequireRole } from '@/app/routes/app/require-role';
import { ContentLayout } from '@/components/layouts/content-layout';
import { MailboxList } from '@/features/mailbox/components/mailbox-list';
import { MailboxMessage } from '@/features/mailbox/components/mailbox-message';

export function MailboxRoute() {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('mailbox.title')} titleSuffix={tApp('app.name')} lead={t('mailbox.intro')}>
        <MailboxList />
      </ContentLayout>
    </RequireRole>
  );
}

export function MailboxMessageRoute() {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const { id = '' } = useParams();
  return (
    <RequireRole roles={['ops']}>
      <ContentLayout title={t('mailbox.title')} titleSuffix={tApp('app.name')}>
        <MailboxMessage key={id} id={id} />
      </ContentLayout>
    </RequireRole>
  );
}
