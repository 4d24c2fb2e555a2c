// Messages for the refusals the team's changes can meet.

import type { TFunction } from 'i18next';
import { ApiError } from '@/lib/api-client';
import { apiErrorMessage } from '@/lib/api-error-message';

export function teamErrorMessage(error: unknown, t: TFunction): string {
  // The only rule these changes can break is keeping an admin.
  if (error instanceof ApiError && error.code === 'rule_violated') {
    return t('team.needsAdmin');
  }
  if (error instanceof ApiError && error.code === 'conflict') return t('team.emailInUseMessage');
  return apiErrorMessage(error, t);
}
