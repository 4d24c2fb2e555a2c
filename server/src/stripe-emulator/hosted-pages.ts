// HTML of the emulator's own pages: hosted Checkout (card form), 3-D Secure challenge, status and
// receipt pages. Plain server-rendered, accessible forms; no JavaScript needed.
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

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="badge">TEST MODE</p>
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

function input(field: Field, state: FormState): string {
  const error = state.fieldError?.field === field.name ? state.fieldError.message : undefined;
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

function testCardsHelp(): string {
  const rows = TEST_CARDS.map(
    (card) => `<tr><td>${card.number}</td><td>${escapeHtml(describe(card.behaviour.kind))}</td></tr>`,
  );
  return `<details><summary>Test cards</summary><table><thead><tr><th scope="col">Number</th><th scope="col">Behaviour</th></tr></thead><tbody>${rows.join('')}</tbody></table><p class="muted">Any future expiry date, any CVC.</p></details>`;
}

function describe(kind: string): string {
  switch (kind) {
    case 'succeeds':
      return 'Succeeds';
    case 'declined':
      return 'Declined';
    case 'declines_charges':
      return 'Saves, but charges are declined';
    case 'authentication_unless_set_up':
      return '3-D Secure unless set up for off-session use';
    default:
      return '3-D Secure on every payment';
  }
}

export function checkoutPage(
  session: Stripe.Checkout.Session,
  items: WireLineItem[],
  state: FormState,
  askEmail: boolean,
): string {
  const isPayment = session.mode === 'payment';
  const total =
    isPayment && session.currency ? formatAmount(session.amount_total ?? 0, session.currency) : '';
  const currency = session.currency?.toUpperCase() ?? '';
  const heading = isPayment ? `Pay ${total}` : 'Save your card';
  const lines = items
    .map((item) => {
      const qty = (item.quantity ?? 1) > 1 ? ` × ${item.quantity}` : '';
      return `<li><span>${escapeHtml(item.description ?? 'Item')}${qty}</span><span>${formatAmount(item.amount_total, item.currency)}</span></li>`;
    })
    .join('');
  const summary = isPayment
    ? `<h1 id="summary">Amount due</h1>
<p class="amount" id="amount">${total} <span class="muted">${currency}</span></p>
<ul class="items" aria-label="Order summary">${lines}</ul>`
    : `<h1 id="summary">Save your card</h1><p class="muted">Your card will be saved for future payments. You will not be charged now.</p>`;
  const alert = state.alert ? `<div class="alert" role="alert">${escapeHtml(state.alert)}</div>` : '';
  const email = askEmail
    ? input(
        {
          id: 'email',
          name: 'email',
          label: 'Email',
          autocomplete: 'email',
          inputmode: 'email',
          value: state.values.email ?? '',
        },
        state,
      )
    : '';
  const cancel = session.cancel_url
    ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>`
    : '';
  const body = `${summary}
${alert}
<form method="post" action="/c/pay/${escapeHtml(session.id)}" novalidate aria-label="${isPayment ? 'Pay with card' : 'Save card'}">
${email}
${input({ id: 'card-number', name: 'number', label: 'Card number', autocomplete: 'cc-number', inputmode: 'numeric', placeholder: '1234 1234 1234 1234', value: state.values.number ?? '' }, state)}
<div class="row"><div>
${input({ id: 'card-expiry', name: 'expiry', label: 'Expiry date (MM / YY)', autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: 'MM / YY', value: state.values.expiry ?? '' }, state)}
</div><div>
${input({ id: 'card-cvc', name: 'cvc', label: 'Security code (CVC)', autocomplete: 'cc-csc', inputmode: 'numeric', placeholder: 'CVC' }, state)}
</div></div>
${input({ id: 'card-name', name: 'name', label: 'Name on card', autocomplete: 'cc-name', value: state.values.name ?? '' }, state)}
<button type="submit">${isPayment ? `Pay ${total}` : 'Save card'}</button>
</form>
${cancel}
${testCardsHelp()}`;
  return layout(`${heading} – Checkout`, body);
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
