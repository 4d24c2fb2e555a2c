// What offers announces without importing the features that react (decision 015): the composition root
// (server/src/hooks.ts) registers payments' reaction.

import { defineEvent } from '../../platform/hooks.ts';
import type { AppDeps } from '../../platform/http/context.ts';

/** A new quote replaced the subscription's open ones: checkouts of the old quotes must stop being payable. */
export const quoteIssued =
  defineEvent<[deps: AppDeps, event: { subscriptionId: string }]>('offers.quote-issued');
