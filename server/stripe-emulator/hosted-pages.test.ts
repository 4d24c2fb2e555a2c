// The hosted Checkout page follows the Session's `locale`: Simplified Chinese for `zh`, English otherwise,
// including the card form's own error messages.
import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageLanguage } from './hosted-pages.ts';
import { cardForm, createPaymentSession, createTestEmulator, type TestEmulator } from './testing/harness.ts';

let t: TestEmulator;
beforeEach(() => {
  t = createTestEmulator();
});
afterEach(() => t.close());

const sessionPath = (session: Stripe.Checkout.Session) => new URL(session.url ?? '').pathname;

describe('the hosted Checkout page’s language', () => {
  it('keeps the locale on the Session and renders the page in Chinese for zh', async () => {
    const session = await createPaymentSession(t.stripe, { amount: 15_000, currency: 'cny', locale: 'zh' });
    expect(session.locale).toBe('zh');
    const html = await (await t.page(sessionPath(session))).text();
    expect(html).toContain('<html lang="zh-CN">');
    for (const text of [
      '应付金额',
      '卡号',
      '有效期（月 / 年）',
      '安全码（CVC）',
      '持卡人姓名',
      '取消并返回',
      '测试模式',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('Card number');
    expect(html).not.toContain('Amount due');
  });

  it('says what is wrong with the card in Chinese', async () => {
    const session = await createPaymentSession(t.stripe, { locale: 'zh' });
    const response = await t.page(sessionPath(session), cardForm('4242 4242 4242 4241'));
    const html = await response.text();
    expect(html).toContain('卡号无效。');
    expect(html).not.toContain('Your card number is invalid.');
  });

  it('stays in English without a locale, or for auto and en', async () => {
    for (const locale of [undefined, 'auto', 'en'] as const) {
      const session = await createPaymentSession(t.stripe, locale ? { locale } : {});
      const html = await (await t.page(sessionPath(session))).text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('Amount due');
    }
  });

  it('maps Stripe locales to the two languages it renders', () => {
    expect(pageLanguage('zh')).toBe('zh');
    expect(pageLanguage('zh-HK')).toBe('zh');
    expect(pageLanguage('ja')).toBe('en');
    expect(pageLanguage(null)).toBe('en');
  });
});
