// The notices before an automatic charge: the day, what kind, and whether it went out.

import type { TScheduledNotice } from '@portal/shared/schemas/auto-renew';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { useFormat } from '@/lib/format';

const TONES: Record<TScheduledNotice['status'], BadgeTone> = {
  planned: 'neutral',
  scheduled: 'info',
  sent: 'success',
  skipped: 'neutral',
  cancelled: 'neutral',
};

export function NoticeList({ notices }: { notices: readonly TScheduledNotice[] }) {
  const { t } = useTranslation('autoRenew');
  const format = useFormat();
  if (notices.length === 0) return <p className="muted">{t('notices.empty')}</p>;
  return (
    <ul className="auto-renew-notices">
      {notices.map((notice) => (
        <li key={`${notice.kind}-${notice.date}`}>
          <span>
            <strong>{format.date(notice.date)}</strong> · {t(`notices.kinds.${notice.kind}`)}
          </span>
          <Badge tone={TONES[notice.status]}>
            {t(`notices.statuses.${notice.status}`)}
            {notice.sentAt ? ` ${format.timestamp(notice.sentAt)}` : ''}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
