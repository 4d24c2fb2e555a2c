// CSV imports against a real database: template, upload, dry run (changes nothing), apply, history, bad files
// (encoding, columns, duplicate ids, formula injection in the errors CSV), and an apply resumed after the engine
// stopped between chunks.

import type { TImport, TImportRow } from '@portal/shared/schemas/imports';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalEngine } from '../../platform/jobs/local-engine.ts';
import { createLogger } from '../../platform/logger.ts';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import {
  accountsCsv,
  contactsCsv,
  subscriptionsCsv,
  uploadCsv,
  waitForImport,
} from '../../testing/imports.ts';
import { applyImport, registerImportJobs } from './service.ts';

type RowsPage = { rows: TImportRow[]; total: number };
const json = async <T>(response: Response | Promise<Response>) => (await (await response).json()) as T;

let ctx: TestContext;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  await ctx?.dispose();
});

async function countAccounts(externalIdLike: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('external_id', 'like', externalIdLike)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function opsClient(): Promise<TestClient> {
  ctx = await createTestContext();
  return ctx.signedIn('ops@vendor.example');
}

async function upload(
  client: TestClient,
  kind: 'accounts' | 'contacts' | 'subscriptions',
  csv: string | Uint8Array,
) {
  const response = await uploadCsv(client, kind, csv);
  const body = (await response.json()) as { import?: { id: string }; error?: { message: string } };
  return { status: response.status, body };
}

describe('CSV import templates', () => {
  it('gives the header and one example row per kind, for ops only', async () => {
    const ops = await opsClient();
    const response = await ops.get('/api/ops/imports/templates/subscriptions');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('subscriptions-template.csv');
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'external_id,account_external_id,plan_code,label,seats,unit_price_minor,term_start,term_end,status,auto_renew_elsewhere',
    );
    const customer = await ctx.signedIn('alex@northwind.example');
    expect((await customer.get('/api/ops/imports/templates/accounts')).status).toBe(403);
  });
});

describe('CSV import: dry run then apply', () => {
  it('shows each row would be created or refused with its reason, changes nothing, then applies', {
    timeout: 60_000,
  }, async () => {
    const ops = await opsClient();
    const csv = `${accountsCsv(3, 'DRY')}DRY-9,,EUR,DE,,\r\n`;
    const { status, body } = await upload(ops, 'accounts', `\uFEFF${csv}`);
    expect(status).toBe(201);
    const id = body.import?.id ?? '';
    const checked = await waitForImport(ctx, id, 'checked');
    expect(checked.dryRun).toEqual({ created: 3, updated: 0, unchanged: 0, refused: 1 });
    expect(checked.result).toEqual({ created: 0, updated: 0, unchanged: 0, refused: 0 });

    const refused = await json<RowsPage>(ops.get(`/api/ops/imports/${id}/rows?outcome=refused`));
    expect(refused.total).toBe(1);
    expect(refused.rows[0]).toMatchObject({ row: 5, key: 'DRY-9', dryOutcome: 'refused', outcome: null });
    expect(refused.rows[0]?.errors).toEqual([{ field: 'name', message: 'A value is required' }]);

    // The dry run changed nothing: no account exists, and a second upload of the same file still says "created".
    expect(await countAccounts('DRY-%')).toBe(0);
    const again = await upload(ops, 'accounts', csv);
    const againChecked = await waitForImport(ctx, again.body.import?.id ?? '', 'checked');
    expect(againChecked.dryRun.created).toBe(3);

    expect((await ops.post(`/api/ops/imports/${id}/apply`)).status).toBe(200);
    const applied = await waitForImport(ctx, id, 'applied');
    expect(applied.result).toEqual({ created: 3, updated: 0, unchanged: 0, refused: 1 });
    expect(applied.appliedBy).toBe('ops@vendor.example');
    expect(await countAccounts('DRY-%')).toBe(3);
    // Applied once: a second apply is refused.
    expect((await ops.post(`/api/ops/imports/${id}/apply`)).status).toBe(409);

    // The same file again now leaves everything unchanged.
    const third = await upload(ops, 'accounts', csv);
    const thirdChecked = await waitForImport(ctx, third.body.import?.id ?? '', 'checked');
    expect(thirdChecked.dryRun).toEqual({ created: 0, updated: 0, unchanged: 3, refused: 1 });

    const history = await json<{ imports: TImport[] }>(ops.get('/api/ops/imports'));
    expect(history.imports.map((i) => i.id)).toContain(id);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'import.applied',
      'import.apply_requested',
      'import.started',
    ]);
  });
});

describe('CSV import: contacts and contracts of imported accounts', () => {
  it('imports accounts, then their contacts and contracts, each checked against what exists', {
    timeout: 60_000,
  }, async () => {
    const ops = await opsClient();
    const applyFile = async (kind: 'accounts' | 'contacts' | 'subscriptions', csv: string) => {
      const { body } = await upload(ops, kind, csv);
      const id = body.import?.id ?? '';
      await waitForImport(ctx, id, 'checked');
      expect((await ops.post(`/api/ops/imports/${id}/apply`)).status).toBe(200);
      return waitForImport(ctx, id, 'applied');
    };
    expect((await applyFile('accounts', accountsCsv(3, 'KIN'))).result.created).toBe(3);
    const contacts = await applyFile(
      'contacts',
      `${contactsCsv(3, 'KIN')}NOPE-1,x@nope.example,X,customer_admin\r\n`,
    );
    expect(contacts.result).toEqual({ created: 3, updated: 0, unchanged: 0, refused: 1 });
    const contracts = await applyFile('subscriptions', subscriptionsCsv(3, 'KIN'));
    expect(contracts.result).toEqual({ created: 3, updated: 0, unchanged: 0, refused: 0 });
    const imported = await ctx.db
      .selectFrom('subscriptions')
      .select(['external_id', 'seats'])
      .where('external_id', 'like', 'CTR-KIN-%')
      .orderBy('external_id')
      .execute();
    expect(imported).toEqual([
      { external_id: 'CTR-KIN-1', seats: 6 },
      { external_id: 'CTR-KIN-2', seats: 7 },
      { external_id: 'CTR-KIN-3', seats: 8 },
    ]);
  });
});

describe('CSV import: bad files', () => {
  it('refuses a file that is not UTF-8, saying so', async () => {
    const ops = await opsClient();
    // "Müller" in Latin-1: 0xFC is not valid UTF-8.
    const latin1 = Uint8Array.from([
      ...new TextEncoder().encode('external_id,name,currency,country\r\nA-1,M'),
      0xfc,
      ...new TextEncoder().encode('ller,EUR,DE\r\n'),
    ]);
    const { status, body } = await upload(ops, 'accounts', latin1);
    expect(status).toBe(422);
    expect(body.error?.message).toContain('not UTF-8');
    expect((await json<{ imports: TImport[] }>(ops.get('/api/ops/imports'))).imports).toEqual([]);
  });

  it('refuses a header with missing or unknown columns, naming them', async () => {
    const ops = await opsClient();
    const { status, body } = await upload(ops, 'accounts', 'external_id,nmae,currency\r\nA-1,Acme,EUR\r\n');
    expect(status).toBe(422);
    expect(body.error?.message).toContain('missing column(s): name, country');
    expect(body.error?.message).toContain('unknown column(s): nmae');
  });

  it('refuses the later rows of an id repeated in the file', async () => {
    const ops = await opsClient();
    const csv = `${accountsCsv(2, 'DUP')}DUP-1,Again,EUR,DE,,\r\n`;
    const { body } = await upload(ops, 'accounts', csv);
    const id = body.import?.id ?? '';
    const checked = await waitForImport(ctx, id, 'checked');
    expect(checked.dryRun).toEqual({ created: 2, updated: 0, unchanged: 0, refused: 1 });
    const rows = await json<RowsPage>(ops.get(`/api/ops/imports/${id}/rows?outcome=refused`));
    expect(rows.rows[0]).toMatchObject({
      row: 4,
      errors: [{ field: 'external_id', message: 'Duplicate of row 2 in this file' }],
    });
  });

  it('writes the errors CSV with formula cells neutralised', async () => {
    const ops = await opsClient();
    const csv =
      'external_id,name,currency,country\r\n' +
      'F-1,"=HYPERLINK(""http://evil.example"",""x"")",EURO,DE\r\n' +
      'F-2,@SUM(A1),EUR,XX\r\n' +
      'F-3,Fine,EUR,DE\r\n';
    const { body } = await upload(ops, 'accounts', csv);
    const id = body.import?.id ?? '';
    await waitForImport(ctx, id, 'checked');
    const response = await ops.get(`/api/ops/imports/${id}/errors.csv`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'row,errors,external_id,name,legal_name,customer_type,currency,locale,country,region,address_line1,address_line2,city,postal_code,tax_id,billing_email',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2,currency: .*,F-1,"'=HYPERLINK\(""http:\/\/evil.example"",""x""\)",EURO,DE$/);
    expect(lines[2]).toMatch(/^3,country: .*,F-2,'@SUM\(A1\),EUR,XX$/);
  });
});

describe('CSV import: apply resumed after a restart', () => {
  it('continues after the last recorded chunk: no row applied twice, counts right', {
    timeout: 180_000,
  }, async () => {
    const ops = await opsClient();
    const rows = 600;
    const { body } = await upload(ops, 'accounts', accountsCsv(rows, 'RES'));
    const id = body.import?.id ?? '';
    await waitForImport(ctx, id, 'checked');

    const logger = createLogger('silent');
    const first = createLocalEngine({ db: ctx.db, clock: ctx.clock, logger, pollMs: 10 });
    const deps1 = { ...ctx, jobs: first };
    const firstJobs = registerImportJobs(first, deps1, { chunkSize: 100 });
    const opsUser = {
      id: 'usr_ops',
      accountId: null,
      email: 'ops@vendor.example',
      name: 'Owen Park',
      role: 'ops' as const,
      locale: 'en' as const,
    };
    await first.start();
    await applyImport(deps1, opsUser, id);
    // The server stops part-way: the import stops after the chunk it is recording.
    for (;;) {
      const progress = await ctx.db
        .selectFrom('imports')
        .select('applied_rows')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (progress.applied_rows >= 200) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    firstJobs.stop();
    await first.stop();
    const stopped = await ctx.db
      .selectFrom('imports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stopped.state).toBe('applying');
    expect(stopped.applied_rows).toBeLessThan(rows);
    expect(stopped.applied_rows % 100).toBe(0);

    // A new process: the sweep at start-up queues the import again; it resumes where it stopped.
    const second = createLocalEngine({ db: ctx.db, clock: ctx.clock, logger, pollMs: 10 });
    const deps2 = { ...ctx, jobs: second };
    const secondJobs = registerImportJobs(second, deps2, { chunkSize: 100 });
    cleanup.push(async () => {
      secondJobs.stop();
      await second.stop();
    });
    await second.start();
    expect(await secondJobs.sweepNow()).toBe(1);
    const applied = await waitForImport(ctx, id, 'applied');
    // Every row created exactly once: a chunk applied twice would show as "unchanged".
    expect(applied.result).toEqual({ created: rows, updated: 0, unchanged: 0, refused: 0 });
    expect(applied.appliedRows).toBe(rows);
    expect(await countAccounts('RES-%')).toBe(rows);
    const outcomes = await ctx.db
      .selectFrom('import_rows')
      .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .where('import_id', '=', id)
      .groupBy('outcome')
      .execute();
    expect(outcomes.map((o) => ({ outcome: o.outcome, n: Number(o.n) }))).toEqual([
      { outcome: 'created', n: rows },
    ]);
  });
});
