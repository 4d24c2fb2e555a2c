// The sentence to show for a failed API call: our own words for failures that are not about the request
// (network, rate limit, server fault), else the server's user-safe message.

import type { TFunction } from 'i18next';
import { ApiError } from '@/lib/api-client';

export function apiErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  switch (error.code) {
    case 'network_error':
      return t('errors.network');
    case 'rate_limited':
      return t('errors.rateLimited');
    case 'forbidden':
      return t('errors.forbidden');
    case 'internal':
    case 'unexpected_response':
    case 'payment_provider_error':
      return t('errors.generic');
    default:
      return error.message;
  }
}
