import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, unwrap } from '@/lib/api-client';

function reply(status: number, body: unknown) {
  return vi.fn(async () => new Response(body === null ? null : JSON.stringify(body), { status }));
}

describe('unwrap', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('returns the parsed body of a 2xx reply, sent with the session cookie', async () => {
    const fetchMock = reply(200, { subscriptions: [] });
    vi.stubGlobal('fetch', fetchMock);
    await expect(unwrap(api.subscriptions.$get())).resolves.toEqual({ subscriptions: [] });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/subscriptions',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
  });

  it('returns null for 204 No Content', async () => {
    vi.stubGlobal('fetch', reply(204, null));
    await expect(unwrap(api.auth['sign-out'].$post())).resolves.toBeNull();
  });

  it('turns an error body into a typed ApiError', async () => {
    const body = {
      error: {
        code: 'rule_violated',
        message: 'Save a payment method first.',
        fields: { paymentMethod: 'missing' },
      },
    };
    vi.stubGlobal('fetch', reply(422, body));
    const error = await unwrap(
      api.subscriptions[':id']['auto-renew'].$put({ param: { id: 'sub_1' }, json: { enabled: true } }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'rule_violated',
      status: 422,
      message: 'Save a payment method first.',
      fields: { paymentMethod: 'missing' },
    });
  });

  it('still throws an ApiError when the body is not the API error shape', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<h1>Bad gateway</h1>', { status: 502 })),
    );
    await expect(unwrap(api.me.$get())).rejects.toMatchObject({
      code: 'unexpected_response',
      status: 502,
      fields: {},
    });
  });

  it('reports a request that never got an answer as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(unwrap(api.me.$get())).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });
});
