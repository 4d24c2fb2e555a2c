// Routes a browser visits: the hosted Checkout page (GET shows it, POST pays), the 3-D Secure
// challenge page and charge receipts.
import { Hono } from 'hono';
import type Stripe from 'stripe';
import { AUTOMATIC, type Emu, transact } from './context.ts';
import { StripeApiError } from './errors.ts';
import { decodeForm, type FormValue } from './form.ts';
import {
  checkoutPage,
  type FormState,
  layout,
  messagePage,
  receiptPage,
  threeDSecurePage,
} from './hosted-pages.ts';
import { formatAmount } from './money.ts';
import {
  authenticateIntent,
  type CheckoutOutcome,
  needsEmail,
  payCheckoutSession,
  successRedirect,
  validateCardForm,
} from './resources/checkout-completion.ts';
import { lineItemsOf } from './resources/line-items.ts';
import { applyTimeBasedTransitions } from './sweeps.ts';

const FAILURES: Record<string, string> = {
  authentication:
    'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
  declined: 'Your card was declined. Please try a different card.',
};

const html = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

const text = (value: FormValue | undefined) => (typeof value === 'string' ? value : '');

function sessionPage(emu: Emu, session: Stripe.Checkout.Session, state: FormState, status = 200): Response {
  if (session.status === 'complete') {
    const redirect = successRedirect(session);
    const title = session.mode === 'payment' ? 'Payment complete' : 'Card saved';
    return html(
      messagePage(
        title,
        'Thank you. You can close this page.',
        redirect ? { href: redirect, text: 'Continue' } : undefined,
      ),
    );
  }
  if (session.status === 'expired') {
    return html(messagePage('This checkout session has expired', 'Return to the site and start again.'), 410);
  }
  const items = lineItemsOf(emu, session.id, { limit: 100 }).data;
  return html(checkoutPage(session, items, state, needsEmail(session)), status);
}

function withParams(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return target.toString();
}

function intentReturnUrl(intent: Stripe.PaymentIntent | Stripe.SetupIntent, returnUrl: string): string {
  const kind = intent.object;
  return withParams(returnUrl, {
    [kind]: intent.id,
    [`${kind}_client_secret`]: intent.client_secret ?? '',
    redirect_status: intent.status === 'succeeded' ? 'succeeded' : 'failed',
  });
}

function findIntent(emu: Emu, id: string): Stripe.PaymentIntent | Stripe.SetupIntent | undefined {
  return id.startsWith('seti_') ? emu.store.get('setup_intent', id) : emu.store.get('payment_intent', id);
}

export function hostedRoutes(emu: Emu): Hono {
  const app = new Hono();
  const sweep = () => applyTimeBasedTransitions(emu);

  app.get('/', () =>
    html(
      layout(
        'Stripe emulator',
        '<h1>Stripe emulator</h1><p>A local stand-in for the parts of the Stripe API this project uses. API under <code>/v1</code>, test helpers under <code>/_emulator</code>.</p>',
      ),
    ),
  );

  app.get('/c/pay/:id', (c) => {
    const session = transact(emu, () => {
      sweep();
      return emu.store.get('checkout.session', c.req.param('id'));
    });
    if (!session) return html(messagePage('Page not found', 'This checkout session does not exist.'), 404);
    const failure = FAILURES[c.req.query('failed') ?? ''];
    return sessionPage(emu, session, { values: {}, ...(failure ? { alert: failure } : {}) });
  });

  app.post('/c/pay/:id', async (c) => {
    const id = c.req.param('id');
    const form = decodeForm(await c.req.text());
    const values = {
      number: text(form.number),
      expiry: text(form.expiry),
      name: text(form.name),
      email: text(form.email),
    };
    const result = transact(
      emu,
      (): { session?: Stripe.Checkout.Session; state?: FormState; outcome?: CheckoutOutcome } => {
        sweep();
        const session = emu.store.get('checkout.session', id);
        if (!session) return {};
        if (session.status !== 'open') return { session };
        const card = validateCardForm(emu, session, { ...values, cvc: text(form.cvc) });
        if ('field' in card) return { session, state: { values, fieldError: card } };
        return { outcome: payCheckoutSession(emu, AUTOMATIC, id, card) };
      },
    );
    if (result.outcome) {
      const { outcome } = result;
      if (outcome.status === 'declined')
        return sessionPage(emu, outcome.session, { values, alert: outcome.message }, 402);
      return c.redirect(outcome.redirectUrl ?? `/c/pay/${id}`, 303);
    }
    if (!result.session)
      return html(messagePage('Page not found', 'This checkout session does not exist.'), 404);
    return sessionPage(emu, result.session, result.state ?? { values }, result.state ? 400 : 200);
  });

  app.get('/3ds/:id', (c) => {
    const intent = findIntent(emu, c.req.param('id'));
    if (!intent) return html(messagePage('Page not found', 'There is nothing to authenticate here.'), 404);
    if (intent.status !== 'requires_action') {
      return html(messagePage('Nothing to authenticate', `This payment has status ${intent.status}.`));
    }
    const amount = intent.object === 'payment_intent' ? formatAmount(intent.amount, intent.currency) : null;
    return html(threeDSecurePage(intent.id, amount));
  });

  app.post('/3ds/:id', async (c) => {
    const id = c.req.param('id');
    const approved = text(decodeForm(await c.req.text()).result) === 'approve';
    let outcome: ReturnType<typeof authenticateIntent>;
    try {
      outcome = transact(emu, () => authenticateIntent(emu, AUTOMATIC, id, approved));
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      return html(messagePage('Authentication not possible', error.body.message), error.status);
    }
    const { checkout, intent, returnUrl } = outcome;
    if (checkout) {
      const sessionUrl = `/c/pay/${checkout.session.id}`;
      if (checkout.status === 'declined') {
        const reason = checkout.code.endsWith('authentication_failure') ? 'authentication' : 'declined';
        return c.redirect(`${sessionUrl}?failed=${reason}`, 303);
      }
      return c.redirect(checkout.redirectUrl ?? sessionUrl, 303);
    }
    if (returnUrl) return c.redirect(intentReturnUrl(intent, returnUrl), 303);
    const done = intent.status === 'succeeded';
    return html(
      messagePage(done ? 'Authentication complete' : 'Authentication failed', 'You can close this page.'),
    );
  });

  app.get('/receipts/:id', (c) => {
    const charge = emu.store.get('charge', c.req.param('id'));
    if (!charge) return html(messagePage('Page not found', 'No such receipt.'), 404);
    return html(receiptPage(charge));
  });

  return app;
}
