// The finance feature's public face (decision 015): what other features may read of finance.

import type { AppDeps } from '../../platform/http/context.ts';
import { countExceptions } from './exceptions/exceptions-repo.ts';

/** Exceptions the latest reconciliation still finds and nobody has resolved (the ops landing page). */
export async function countOpenExceptions(deps: AppDeps): Promise<number> {
  const rows = await countExceptions(deps.db, false);
  return rows.filter((r) => r.status === 'open').reduce((sum, r) => sum + Number(r.count), 0);
}
