// HTML of the emulator's own pages: hosted Checkout (card form), 3-D Secure challenge, status and
// receipt pages. Plain server-rendered, accessible forms; no JavaScript needed. The Checkout page speaks the
// Session's `locale` (English, or Simplified Chinese for `zh`/`zh-*`), as Stripe's hosted page does.
import type Stripe from 'stripe';
import { TEST_CARDS } from './cards.ts';
import { formatAmount } from './money.ts';
import type { WireLineItem } from './store.ts';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, sans-serif; color: #1a1f36; }
  body { margin: 0; background: #f6f8fa; }
  main { max-width: 28rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
  .badge { display: inline-block; margin: 0 0 1rem; padding: .15rem .5rem; border-radius: 4px; background: #ffde92; color: #5d3a00; font-size: .75rem; font-weight: 700; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  .amount { font-size: 2rem; font-weight: 700; margin: .25rem 0 1rem; }
  ul.items { list-style: none; padding: 0; margin: 0 0 1.5rem; border-top: 1px solid #e3e8ee; }
  ul.items li { display: flex; justify-content: space-between; gap: 1rem; padding: .5rem 0; border-bottom: 1px solid #e3e8ee; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { box-sizing: border-box; width: 100%; padding: .6rem; font-size: 1rem; border: 1px solid #8792a2; border-radius: 4px; }
  input[aria-invalid="true"] { border-color: #c0123c; }
  input:focus, button:focus, a:focus { outline: 3px solid #635bff; outline-offset: 2px; }
  .row { display: flex; gap: 1rem; } .row > div { flex: 1; }
  .field-error { color: #c0123c; margin: .25rem 0 0; font-size: .9rem; }
  .alert { padding: .75rem; border-radius: 4px; background: #fde8ec; color: #8a0c29; margin: 1rem 0; }
  button { width: 100%; margin-top: 1.5rem; padding: .8rem; font-size: 1rem; font-weight: 600; color: #fff; background: #4b45c6; border: 0; border-radius: 4px; cursor: pointer; }
  button.secondary { background: #fff; color: #8a0c29; border: 1px solid #8a0c29; }
  details { margin-top: 1.5rem; font-size: .9rem; } table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .2rem .4rem; }
  .muted { color: #4f566b; }
`;

export type PageLanguage = 'en' | 'zh';

/** Stripe's Checkout `locale` (`auto`, `en`, `zh`, `zh-HK`, …) to the language this emulator renders. */
export function pageLanguage(locale: string | null | undefined): PageLanguage {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const TEXT = {
  en: {
    lang: 'en',
    testMode: 'TEST MODE',
    pay: (amount: string) => `Pay ${amount}`,
    saveYourCard: 'Save your card',
    checkout: 'Checkout',
    amountDue: 'Amount due',
    orderSummary: 'Order summary',
    item: 'Item',
    saveIntro: 'Your card will be saved for future payments. You will not be charged now.',
    payWithCard: 'Pay with card',
    saveCard: 'Save card',
    email: 'Email',
    cardNumber: 'Card number',
    expiry: 'Expiry date (MM / YY)',
    cvc: 'Security code (CVC)',
    nameOnCard: 'Name on card',
    cancel: 'Cancel and go back',
    testCards: 'Test cards',
    number: 'Number',
    behaviour: 'Behaviour',
    anyExpiry: 'Any future expiry date, any CVC.',
    succeeds: 'Succeeds',
    declined: 'Declined',
    declinesCharges: 'Saves, but charges are declined',
    authenticationUnlessSetUp: '3-D Secure unless set up for off-session use',
    authenticationAlways: '3-D Secure on every payment',
  },
  zh: {
    lang: 'zh-CN',
    testMode: '测试模式',
    pay: (amount: string) => `支付 ${amount}`,
    saveYourCard: '保存你的银行卡',
    checkout: '结账',
    amountDue: '应付金额',
    orderSummary: '订单摘要',
    item: '项目',
    saveIntro: '你的银行卡将被保存，用于今后的付款。现在不会扣款。',
    payWithCard: '用银行卡支付',
    saveCard: '保存银行卡',
    email: '电子邮件',
    cardNumber: '卡号',
    expiry: '有效期（月 / 年）',
    cvc: '安全码（CVC）',
    nameOnCard: '持卡人姓名',
    cancel: '取消并返回',
    testCards: '测试卡',
    number: '卡号',
    behaviour: '结果',
    anyExpiry: '任意未来的有效期，任意安全码。',
    succeeds: '成功',
    declined: '被拒绝',
    declinesCharges: '可以保存，但扣款会被拒绝',
    authenticationUnlessSetUp: '需要 3-D Secure 验证，除非已设置为离线使用',
    authenticationAlways: '每次付款都需要 3-D Secure 验证',
  },
} as const;

/** The card form's and the bank's messages (written in English elsewhere in the emulator), in Chinese. */
const ZH_MESSAGES: Record<string, string> = {
  'Your card number is incomplete.': '卡号不完整。',
  'Your card number is invalid.': '卡号无效。',
  "Your card's expiration date is incomplete.": '有效期不完整。',
  "Your card's expiration year is in the past.": '有效期年份已过。',
  "Your card's expiration date is in the past.": '有效期已过。',
  "Your card's security code is incomplete.": '安全码不完整。',
  'Enter the name on your card.': '请输入持卡人姓名。',
  'Enter a valid email address.': '请输入有效的电子邮件地址。',
  'Your card was declined.': '你的银行卡被拒绝。',
  'Your card was declined. Please try a different card.': '你的银行卡被拒绝。请换一张卡再试。',
  'We are unable to authenticate your payment method. Please choose a different payment method and try again.':
    '无法验证你的付款方式。请选择其他付款方式后重试。',
};

export function localiseMessage(message: string, language: PageLanguage): string {
  return language === 'zh' ? (ZH_MESSAGES[message] ?? message) : message;
}

export function layout(title: string, body: string, language: PageLanguage = 'en'): string {
  const text = TEXT[language];
  return `<!doctype html>
<html lang="${text.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="badge">${text.testMode}</p>
${body}
</main>
</body>
</html>`;
}

export type FormState = {
  values: { number?: string; expiry?: string; name?: string; email?: string };
  fieldError?: { field: string; message: string };
  /** A decline or failed authentication, shown above the form. */
  alert?: string;
};

type Field = {
  id: string;
  name: string;
  label: string;
  autocomplete: string;
  inputmode?: string;
  placeholder?: string;
  value?: string;
};

function input(field: Field, state: FormState, language: PageLanguage): string {
  const error =
    state.fieldError?.field === field.name ? localiseMessage(state.fieldError.message, language) : undefined;
  const errorId = `${field.id}-error`;
  const attrs = [
    `id="${field.id}"`,
    `name="${field.name}"`,
    `autocomplete="${field.autocomplete}"`,
    'required',
    field.inputmode ? `inputmode="${field.inputmode}"` : '',
    field.placeholder ? `placeholder="${escapeHtml(field.placeholder)}"` : '',
    field.value ? `value="${escapeHtml(field.value)}"` : '',
    error ? `aria-invalid="true" aria-describedby="${errorId}" autofocus` : '',
  ].filter(Boolean);
  return `<label for="${field.id}">${escapeHtml(field.label)}</label>
<input ${attrs.join(' ')}>
${error ? `<p class="field-error" id="${errorId}" role="alert">${escapeHtml(error)}</p>` : ''}`;
}

function testCardsHelp(language: PageLanguage): string {
  const text = TEXT[language];
  const rows = TEST_CARDS.map(
    (card) =>
      `<tr><td>${card.number}</td><td>${escapeHtml(describe(card.behaviour.kind, language))}</td></tr>`,
  );
  return `<details><summary>${text.testCards}</summary><table><thead><tr><th scope="col">${text.number}</th><th scope="col">${text.behaviour}</th></tr></thead><tbody>${rows.join('')}</tbody></table><p class="muted">${text.anyExpiry}</p></details>`;
}

function describe(kind: string, language: PageLanguage): string {
  const text = TEXT[language];
  switch (kind) {
    case 'succeeds':
      return text.succeeds;
    case 'declined':
      return text.declined;
    case 'declines_charges':
      return text.declinesCharges;
    case 'authentication_unless_set_up':
      return text.authenticationUnlessSetUp;
    default:
      return text.authenticationAlways;
  }
}

export function checkoutPage(
  session: Stripe.Checkout.Session,
  items: WireLineItem[],
  state: FormState,
  askEmail: boolean,
): string {
  const language = pageLanguage(session.locale);
  const text = TEXT[language];
  const isPayment = session.mode === 'payment';
  const total =
    isPayment && session.currency ? formatAmount(session.amount_total ?? 0, session.currency) : '';
  const currency = session.currency?.toUpperCase() ?? '';
  const heading = isPayment ? text.pay(total) : text.saveYourCard;
  const lines = items
    .map((item) => {
      const qty = (item.quantity ?? 1) > 1 ? ` × ${item.quantity}` : '';
      return `<li><span>${escapeHtml(item.description ?? text.item)}${qty}</span><span>${formatAmount(item.amount_total, item.currency)}</span></li>`;
    })
    .join('');
  const summary = isPayment
    ? `<h1 id="summary">${text.amountDue}</h1>
<p class="amount" id="amount">${total} <span class="muted">${currency}</span></p>
<ul class="items" aria-label="${text.orderSummary}">${lines}</ul>`
    : `<h1 id="summary">${text.saveYourCard}</h1><p class="muted">${text.saveIntro}</p>`;
  const alert = state.alert
    ? `<div class="alert" role="alert">${escapeHtml(localiseMessage(state.alert, language))}</div>`
    : '';
  const field = (spec: Field) => input(spec, state, language);
  const email = askEmail
    ? field({
        id: 'email',
        name: 'email',
        label: text.email,
        autocomplete: 'email',
        inputmode: 'email',
        value: state.values.email ?? '',
      })
    : '';
  const cancel = session.cancel_url
    ? `<p><a href="${escapeHtml(session.cancel_url)}">${text.cancel}</a></p>`
    : '';
  const body = `${summary}
${alert}
<form method="post" action="/c/pay/${escapeHtml(session.id)}" novalidate aria-label="${isPayment ? text.payWithCard : text.saveCard}">
${email}
${field({ id: 'card-number', name: 'number', label: text.cardNumber, autocomplete: 'cc-number', inputmode: 'numeric', placeholder: '1234 1234 1234 1234', value: state.values.number ?? '' })}
<div class="row"><div>
${field({ id: 'card-expiry', name: 'expiry', label: text.expiry, autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: 'MM / YY', value: state.values.expiry ?? '' })}
</div><div>
${field({ id: 'card-cvc', name: 'cvc', label: text.cvc, autocomplete: 'cc-csc', inputmode: 'numeric', placeholder: 'CVC' })}
</div></div>
${field({ id: 'card-name', name: 'name', label: text.nameOnCard, autocomplete: 'cc-name', value: state.values.name ?? '' })}
<button type="submit">${isPayment ? text.pay(total) : text.saveCard}</button>
</form>
${cancel}
${testCardsHelp(language)}`;
  return layout(`${heading} – ${text.checkout}`, body, language);
}

export function messagePage(title: string, message: string, link?: { href: string; text: string }): string {
  const action = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${action}`);
}

export function threeDSecurePage(intentId: string, amount: string | null): string {
  const what = amount ? `a payment of ${amount}` : 'saving this card';
  return layout(
    '3D Secure authentication',
    `<h1>3D Secure authentication</h1>
<p>Your bank asks you to confirm ${escapeHtml(what)}. This is a test page: choose the outcome.</p>
<form method="post" action="/3ds/${escapeHtml(intentId)}">
<button type="submit" name="result" value="approve">Approve</button>
<button type="submit" name="result" value="fail" class="secondary">Fail</button>
</form>`,
  );
}

export function receiptPage(charge: Stripe.Charge): string {
  const card = charge.payment_method_details?.card;
  const date = new Date(charge.created * 1000).toISOString().slice(0, 10);
  return layout(
    'Receipt',
    `<h1>Receipt</h1>
<p class="amount">${formatAmount(charge.amount, charge.currency)}</p>
<dl>
<dt>Date paid</dt><dd>${date}</dd>
<dt>Payment method</dt><dd>${escapeHtml(card ? `${card.brand ?? 'card'} •••• ${card.last4 ?? ''}` : 'card')}</dd>
${charge.amount_refunded > 0 ? `<dt>Refunded</dt><dd>${formatAmount(charge.amount_refunded, charge.currency)}</dd>` : ''}
<dt>Reference</dt><dd>${escapeHtml(charge.id)}</dd>
</dl>`,
  );
}
