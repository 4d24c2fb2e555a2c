// Shown on every page while ops view the portal as a customer (read-only): who, until when, and a way out.

import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { useEndViewAs } from '@/features/ops-workspace/api/account-actions';
import { useFormat } from '@/lib/format';
import { paths } from '@/lib/paths';

export function ViewAsBanner({
  viewAs,
  accountName,
}: {
  viewAs: { accountId: string; until: string };
  accountName: string;
}) {
  const { t } = useTranslation('opsWorkspace');
  const format = useFormat();
  const navigate = useNavigate();
  const end = useEndViewAs();
  return (
    <div className="view-as-banner" role="status">
      <p>{t('banner.text', { account: accountName, until: format.timestamp(viewAs.until) })}</p>
      <Button
        size="sm"
        variant="secondary"
        isLoading={end.isPending}
        onClick={() =>
          end.mutate(undefined, {
            onSuccess: () => void navigate(paths.opsAccount(viewAs.accountId), { replace: true }),
          })
        }
      >
        {t('banner.end')}
      </Button>
    </div>
  );
}
