// The API router: Bearer-key auth, form decoding, idempotency, parameter validation, one
// transaction per request, `expand[]`, and Stripe's response headers and error replies.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { z } from 'zod';
import { API_VERSION, type Emu, type RequestCtx, transact } from './context.ts';
import { errorResponseBody, StripeApiError } from './errors.ts';
import { expandResult, type Includables } from './expand.ts';
import { decodeForm } from './form.ts';
import { createIdempotency, fingerprint } from './idempotency.ts';
import { newId } from './ids.ts';
import { parseParams } from './params.ts';

export type ApiCall = {
  emu: Emu;
  req: RequestCtx;
  /** A path parameter, e.g. `call.param('id')` for `/v1/customers/:id`. */
  param(name: string): string;
};

type Method = 'GET' | 'POST';
type Handler<S extends z.ZodType> = (params: z.output<S>, call: ApiCall) => unknown;

/** Constant-time comparison of two secrets. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const json = (body: unknown) => `${JSON.stringify(body, null, 2)}\n`;

function apiKeyFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  if (header.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  if (header.startsWith('Basic ')) {
    return Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':')[0] || undefined;
  }
  return undefined;
}

function authError(message: string): Response {
  return new Response(json({ error: { type: 'invalid_request_error', message } }), {
    status: 401,
    headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="Stripe"' },
  });
}

export type ApiRouter = ReturnType<typeof createApiRouter>;

/**
 * @param beforeEach runs before every request's handler (time-based transitions such as
 *   Checkout Session expiry, so that a moved clock takes effect).
 */
export function createApiRouter(
  emu: Emu,
  includables: Includables,
  beforeEach: () => void,
  /** The one key accepted; without it (in-process tests) any well-formed test key is. */
  apiKey?: string,
) {
  const app = new Hono();
  const idempotency = createIdempotency(emu.store);

  app.use('/v1/*', async (c, next) => {
    const key = apiKeyFrom(c.req.header('authorization'));
    if (!key) {
      return authError(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    }
    if (apiKey ? !secretsEqual(key, apiKey) : !/^(sk|rk)_test_\w+$/.test(key)) {
      return authError(
        `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
      );
    }
    await next();
  });

  function register(method: Method) {
    return <S extends z.ZodType>(path: string, schema: S, handler: Handler<S>) => {
      app.on(method, path, async (c) => {
        const requestId = newId('req');
        const idempotencyKey = method === 'POST' ? (c.req.header('idempotency-key') ?? null) : null;
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'request-id': requestId,
          'stripe-version': c.req.header('stripe-version') ?? API_VERSION,
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        };
        const reply = (status: number, body: string, extra: Record<string, string> = {}) =>
          new Response(body, { status, headers: { ...headers, ...extra } });
        try {
          const raw = method === 'POST' ? await c.req.text() : new URL(c.req.url).search.slice(1);
          const input = decodeForm(raw);
          const print = fingerprint(method, c.req.path, input);
          if (idempotencyKey) {
            const stored = idempotency.replay(idempotencyKey, print);
            if (stored) return reply(stored.status, stored.body, { 'idempotent-replayed': 'true' });
          }
          const params = parseParams(schema, input);
          const call: ApiCall = {
            emu,
            req: { requestId, idempotencyKey },
            param: (name) => c.req.param(name) ?? '',
          };
          let status = 200;
          let body: string;
          try {
            const expand = (params as { expand?: string[] }).expand ?? [];
            // Expanding inside the transaction: a bad `expand` undoes the change, as on Stripe.
            const result = transact(emu, () => {
              beforeEach();
              return expandResult(emu, includables, handler(params, call), expand);
            });
            body = json(result);
          } catch (error) {
            // Card errors come from an executed request: Stripe stores and replays them.
            if (!(error instanceof StripeApiError) || error.status !== 402) throw error;
            status = 402;
            body = json(errorResponseBody(error));
          }
          if (idempotencyKey) idempotency.save(idempotencyKey, print, { status, body });
          return reply(status, body);
        } catch (error) {
          if (error instanceof StripeApiError) return reply(error.status, json(errorResponseBody(error)));
          emu.logger.warn({ err: error, path: c.req.path }, 'stripe-emulator: internal error');
          return reply(500, json({ error: { type: 'api_error', message: 'An unknown error occurred.' } }));
        }
      });
    };
  }

  return { app, get: register('GET'), post: register('POST') };
}
