/** Every API answer carries a request id: in its header, in every error body, and in its one log line. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call } from './client.ts';

afterEach(() => vi.restoreAllMocks());

const logged = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);

describe('request ids and logs', () => {
  it('put a fresh id in the Request-Id header of every answer and in every error body', async () => {
    const ok = await call('/api/health', { method: 'GET' });
    const error = await call('/api/nothing-here', { method: 'GET' });
    const invalid = await call('/api/registration/options', { body: {} });
    for (const answer of [ok, error, invalid]) expect(answer.headers.get('Request-Id')).toMatch(/^req_[0-9a-f]{32}$/);
    // The test client takes `error.requestId` out of the body into `requestId` (test/worker/client.ts).
    expect(error.requestId).toBe(error.headers.get('Request-Id'));
    expect(invalid.requestId).toBe(invalid.headers.get('Request-Id'));
    expect(ok.headers.get('Request-Id')).not.toBe(error.headers.get('Request-Id'));
  });

  it('log one JSON line per request with the route pattern, never the path, query or body', async () => {
    const info = vi.spyOn(console, 'log').mockImplementation(() => {});
    const phone = '+447911123456';
    const answer = await call(`/api/dev/outbox?to=${encodeURIComponent(phone)}`, { method: 'GET', origin: null });
    const lines = logged(info).filter((line) => line.event === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      requestId: answer.headers.get('Request-Id'),
      method: 'GET',
      route: '/api/dev/outbox',
      status: answer.status,
    });
    expect(JSON.stringify(info.mock.calls)).not.toContain('7911123456');
  });
});
