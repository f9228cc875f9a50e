/** `GET /api/config`: the bank's name and real phone number, public and cacheable; nothing else is. */
import { expect, it } from 'vitest';
import { call } from './client.ts';

it("answers the bank's name and phone to anyone, cacheable", async () => {
  const answer = await call('/api/config', { origin: null });
  expect(answer.status).toBe(200);
  // wrangler.toml's dev values.
  expect(answer.body).toEqual({ bankName: 'Countersign', bankPhone: '+44 20 7946 0000' });
  expect(answer.headers.get('Cache-Control')).toBe('public, max-age=300');
});

it('keeps every other answer out of caches, errors included', async () => {
  expect((await call('/api/health')).headers.get('Cache-Control')).toBe('no-store');
  expect((await call('/api/me')).headers.get('Cache-Control')).toBe('no-store');
  expect((await call('/api/config/other')).headers.get('Cache-Control')).toBe('no-store');
});
