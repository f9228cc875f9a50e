/** A real origin with a dev-only setting fails closed: every API request 503, and the log says why. */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import devVarsExample from '../../.dev.vars.example?raw';
import { api } from '../../worker/app.ts';
import { exampleSecrets } from '../../worker/core/deployment.ts';

const bank = 'https://verify.bank.co.uk';
/** What a bank's production looks like: its own domain, Twilio, the 24-hour wait, its own secrets. */
const production = {
  ...env,
  ORIGIN: bank,
  RP_ID: 'verify.bank.co.uk',
  DELIVERY: 'twilio',
  TWILIO_ACCOUNT_SID: 'AC1234567890abcdef1234567890abcdef',
  TWILIO_AUTH_TOKEN: 'token',
  TWILIO_FROM: '+447700900000',
  RECOVERY_WAIT_HOURS: '24',
  VAPID_SUBJECT: 'mailto:security@bank.co.uk',
};

const ask = (vars: object, path = '/api/health', init: RequestInit = {}) =>
  api.fetch(new Request(`${bank}${path}`, { ...init, headers: { Origin: bank, ...init.headers } }), vars);

afterEach(() => vi.restoreAllMocks());

describe('a deployment on a real origin', () => {
  it('runs with production settings', async () => {
    expect((await ask(production)).status).toBe(200);
  });

  it('runs during a code-secret rotation that keeps the decoy key', async () => {
    const rotating = { ...production, CODE_HMAC_SECRET_PREVIOUS: 'p'.repeat(40), CODE_DECOY_SECRET: 'd'.repeat(40) };
    expect((await ask(rotating)).status).toBe(200);
  });

  const devOnly: [string, Record<string, string>][] = [
    ['DELIVERY', { DELIVERY: 'outbox' }],
    ['RECOVERY_WAIT_HOURS', { RECOVERY_WAIT_HOURS: '0' }],
    ['VAPID_SUBJECT', { VAPID_SUBJECT: 'mailto:security@example.com' }],
    ['ORIGIN', { ORIGIN: 'https://verify.bank.example' }],
    ['ORIGIN', { ORIGIN: 'http://verify.bank.co.uk' }],
    ['RP_ID', { RP_ID: 'bank.example' }],
    ['TWILIO_ACCOUNT_SID', { TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000' }],
    ...Object.entries(exampleSecrets).map(([name, value]): [string, Record<string, string>] => [
      name,
      { [name]: value },
    ]),
    // The rotation's secrets: as strict as the code secret, and no rotation that would move decoys.
    [
      'CODE_HMAC_SECRET_PREVIOUS',
      { CODE_HMAC_SECRET_PREVIOUS: exampleSecrets.CODE_HMAC_SECRET, CODE_DECOY_SECRET: 'd'.repeat(40) },
    ],
    [
      'CODE_HMAC_SECRET_PREVIOUS',
      { CODE_HMAC_SECRET_PREVIOUS: 'too-short-previous', CODE_DECOY_SECRET: 'd'.repeat(40) },
    ],
    ['CODE_HMAC_SECRET_PREVIOUS', { CODE_HMAC_SECRET_PREVIOUS: 'p'.repeat(40) }],
    ['CODE_DECOY_SECRET', { CODE_DECOY_SECRET: exampleSecrets.CODE_HMAC_SECRET }],
  ];
  it.each(devOnly)('refuses every API request while %s has a dev-only value, and logs which', async (name, dev) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const vars = { ...production, ...dev };
    for (const [path, init] of [
      ['/api/health', {}],
      ['/api/session/options', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }],
    ] as const) {
      const response = await ask(vars, path, init);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { code: string; fields: { settings: string } } };
      expect(body.error.code).toBe('misconfigured');
      expect(body.error.fields.settings).toContain(name);
      // Names only: a secret's value never appears in an answer.
      expect(JSON.stringify(body)).not.toContain(Object.values(dev)[0]?.slice(10) || '∅');
    }
    // In the log by name, once per isolate (the first misconfigured request of this isolate said it).
    const said = log.mock.calls.map(([line]) => JSON.parse(String(line)) as { event: string; settings?: string[] });
    expect(said.filter((line) => line.event === 'deployment_misconfigured').length).toBeLessThanOrEqual(1);
    expect(said.filter((line) => line.event === 'request')).toHaveLength(2);
  });

  it('allows every dev value on localhost, which is what dev is', async () => {
    const dev = { ...env, ...exampleSecrets, DELIVERY: 'outbox', RECOVERY_WAIT_HOURS: '0' };
    const response = await api.fetch(new Request('http://localhost:8787/api/health'), dev);
    expect(response.status).toBe(200);
  });

  it('knows the example secrets exactly as .dev.vars.example gives them', () => {
    const given = Object.fromEntries(
      devVarsExample
        .split('\n')
        .filter((line: string) => /^[A-Z_]+=/.test(line))
        .map((line: string) => line.split(/=(.*)/s).slice(0, 2)),
    );
    expect(given).toEqual(exampleSecrets);
  });
});
