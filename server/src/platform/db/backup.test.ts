import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { backupDatabase } from './backup.ts';
import { openDatabase } from './connection.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.dispose();
});

it('copies the live database into a file that opens with the same data, and never overwrites', async () => {
  const target = join(ctx.config.databasePath, '..', 'backup', 'copy.db');
  await backupDatabase(ctx.db, target);
  expect(existsSync(target)).toBe(true);
  const copy = openDatabase(target);
  try {
    const rows = await copy.db.selectFrom('subscriptions').select('id').execute();
    expect(rows.length).toBe(10);
  } finally {
    await copy.close();
  }
  await expect(backupDatabase(ctx.db, target)).rejects.toThrow(/overwrite/);
});
