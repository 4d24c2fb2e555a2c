// Issue 13 item 7: ops add a webhook endpoint (its secret shown once), send a test event that a real
// receiver gets signed per Standard Webhooks, and replay the delivery (same webhook-id, a new delivery).

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, USERS } from '../fixtures/test.ts';

type Received = { headers: IncomingHttpHeaders; body: string };

/** Standard Webhooks: base64 HMAC-SHA256 of `id.timestamp.body` with the secret's bytes; any listed v1 matches. */
function isSignedWith(secret: string, request: Received): boolean {
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest('base64');
  return String(request.headers['webhook-signature'])
    .split(' ')
    .some((signature) => signature === `v1,${expected}`);
}

test('ops add a webhook endpoint, a test event arrives signed, and ops replay the delivery', async ({
  page,
  signIn,
  expectNoA11yViolations,
}) => {
  test.slow(); // two pages, each checked by axe, and two deliveries sent by the server's job
  const received: Received[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/licence-server`;
  try {
    await signIn(USERS.ops);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();

    await page.getByLabel('Endpoint address').fill(url);
    await page.getByLabel('Description').fill('Licence server');
    // Only renewals (none happen in this test); a test event goes to the endpoint whatever it listens to.
    await page.getByRole('checkbox', { name: 'subscription.renewed' }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByText('Endpoint added: copy its signing secret now')).toBeVisible();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await expectNoA11yViolations();

    await page.getByRole('link', { name: url }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhook endpoint' })).toBeVisible();
    await expect(page.locator('.page-header__lead')).toContainText(url);
    await page.getByRole('button', { name: 'Send test event' }).click();
    const deliveries = page.getByRole('region', { name: 'Deliveries to this endpoint, newest first' });
    await expect(deliveries.getByText('Delivered')).toHaveCount(1, { timeout: 30_000 });
    expect(received).toHaveLength(1);
    expect(isSignedWith(secret, received[0] as Received)).toBe(true);
    expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({ type: 'webhook.test' });

    await deliveries.getByRole('button', { name: /^Replay webhook\.test/ }).click();
    await expect(deliveries.getByText('Delivered')).toHaveCount(2, { timeout: 30_000 });
    expect(received).toHaveLength(2);
    expect(received[1]?.headers['webhook-id']).toBe(received[0]?.headers['webhook-id']);
    expect(isSignedWith(secret, received[1] as Received)).toBe(true);
    // Each delivery shows its attempt: status and latency.
    await deliveries.getByText('1 attempt').first().click();
    await expect(deliveries.getByText(/204 · \d+ ms/).first()).toBeVisible();
    await expectNoA11yViolations();

    // On a phone the deliveries become cards and the page does not scroll sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(deliveries.getByRole('button', { name: /^Replay webhook\.test/ }).first()).toBeVisible();
    // A string, so this file needs no DOM types (e2e compiles for Node).
    const wide = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 8)
      .map((el) => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))`);
    expect(wide).toEqual([]);
    const overflow = await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
