// The reason ops type for an action on a customer's behalf: required, kept in the audit log.

import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/ui/text-field';

export function ReasonField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('opsWorkspace');
  return (
    <TextField
      name="reason"
      label={t('account.reasonLabel')}
      hint={t('account.reasonHint')}
      required
      minLength={3}
      maxLength={500}
      value={value}
      error={error}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
