// The account's renewal reminders (90/60/30 days before a manual renewal): on or off. Notices before an
// automatic charge cannot be muted.

import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { LiveRegion } from '@/components/ui/live-region';
import { useUpdateReminders } from '@/features/auto-renew/api/update-reminders';
import { apiErrorMessage } from '@/lib/api-error-message';

export function RemindersToggle({ isMuted, canManage }: { isMuted: boolean; canManage: boolean }) {
  const { t } = useTranslation('autoRenew');
  const { t: tApp } = useTranslation();
  const update = useUpdateReminders();
  return (
    <div className="stack">
      <label className="auto-renew-check">
        <input
          type="checkbox"
          checked={!isMuted}
          disabled={!canManage || update.isPending}
          onChange={(event) => update.mutate(!event.target.checked)}
        />
        <span>{t('reminders.label')}</span>
      </label>
      <p className="muted">{t('reminders.hint')}</p>
      {update.error ? <Alert tone="error">{apiErrorMessage(update.error, tApp)}</Alert> : null}
      <LiveRegion>{update.isSuccess ? <p className="muted">{t('reminders.saved')}</p> : null}</LiveRegion>
    </div>
  );
}
