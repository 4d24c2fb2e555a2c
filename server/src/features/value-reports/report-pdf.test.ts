// The value report as a server-made PDF, read back with pdf.js: A4 pages, none empty, the report's words in
// English and in Simplified Chinese as real text, the charts drawn as vector paths; and who may download it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/harness.ts';
import { readPdf, squeeze } from '../../testing/pdf-text.ts';
import { niceCeiling } from './pdf-charts.ts';

let ctx: TestContext;
let alex: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  alex = await ctx.signedIn('alex@northwind.example');
});
afterAll(async () => {
  await ctx.dispose();
});

async function download(client: TestClient, path: string) {
  const response = await client.get(path);
  expect(
    response.status,
    await response
      .clone()
      .text()
      .catch(() => ''),
  ).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="value-report-.+\.pdf"$/,
  );
  return readPdf(new Uint8Array(await response.arrayBuffer()));
}

function expectA4WithoutEmptyPages(pages: readonly { width: number; height: number; text: string }[]) {
  expect(pages.length).toBeGreaterThan(0);
  for (const page of pages) {
    expect([page.width, page.height]).toEqual([595, 842]);
    expect(page.text.trim().length).toBeGreaterThan(20);
  }
}

describe('the value report PDF', () => {
  it('is A4 with no empty page, the report’s words in English and its charts as vector graphics', async () => {
    const pdf = await download(alex, '/api/subscriptions/sub_nw_platform/value-report/pdf?lang=en');
    expectA4WithoutEmptyPages(pdf.pages);
    const text = squeeze(pdf.text);
    for (const words of [
      'Value report',
      'Seat utilisation (average)',
      'Highlights',
      'Active users per month',
      'Daily average',
      'Seats',
      'Automations run per month',
      'Core module adoption',
      'All metrics',
      'Return on investment (estimate)',
      'Assumptions',
    ]) {
      expect(text).toContain(squeeze(words));
    }
    // Bars, lines, rules and boxes are paths: a report with charts draws dozens of them.
    const paths = pdf.pages.reduce((sum, page) => sum + page.paths, 0);
    expect(paths).toBeGreaterThan(50);
  });

  it('reads in Simplified Chinese, as text', async () => {
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    // Li Wei's own language is the default.
    const pdf = await download(liWei, '/api/subscriptions/sub_hb_fleet/value-report/pdf');
    expectA4WithoutEmptyPages(pdf.pages);
    const text = squeeze(pdf.text);
    for (const words of [
      '价值报告',
      '席位使用率（平均）',
      '要点',
      '每月活跃用户',
      '全部指标',
      '投资回报（估算）',
      '活跃用户',
    ]) {
      expect(text).toContain(squeeze(words));
    }
    expect(text).not.toContain('Value report');
  });

  it('gives the previous term, and 404 for a subscription without one', async () => {
    const pdf = await download(alex, '/api/subscriptions/sub_nw_platform/value-report/pdf?term=previous');
    expectA4WithoutEmptyPages(pdf.pages);
    const pilot = await alex.get('/api/subscriptions/sub_nw_pilot/value-report/pdf?term=previous');
    expect([200, 404]).toContain(pilot.status);
  });

  it('members download it; another account’s subscription is a 404; staff 403; no session 401', async () => {
    const morgan = await ctx.signedIn('morgan@northwind.example');
    expect((await morgan.get('/api/subscriptions/sub_nw_platform/value-report/pdf')).status).toBe(200);
    const liWei = await ctx.signedIn('li.wei@harbor.example');
    expect((await liWei.get('/api/subscriptions/sub_nw_platform/value-report/pdf')).status).toBe(404);
    const ops = await ctx.signedIn('ops@vendor.example');
    // Guards first: the role is refused before the (bad) query is read.
    expect((await ops.get('/api/subscriptions/sub_nw_platform/value-report/pdf?term=bogus')).status).toBe(
      403,
    );
    expect((await ctx.client().get('/api/subscriptions/sub_nw_platform/value-report/pdf')).status).toBe(401);
    expect((await alex.get('/api/subscriptions/sub_nw_platform/value-report/pdf?lang=fr')).status).toBe(400);
  });
});

describe('chart scales', () => {
  it('round the axis up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect([0, 7, 10, 11, 23, 240, 999, 1001].map(niceCeiling)).toEqual([1, 10, 10, 20, 25, 250, 1000, 2000]);
  });
});
