/**
 * The Twilio-compatible and e-mail adapters against a local server that checks each request as the
 * providers document it (test/worker/twilio-service.ts).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { emailProvider } from '../../worker/delivery/email.ts';
import { providerFromEnv } from '../../worker/delivery/provider.ts';
import { type TwilioConfig, twilioProvider } from '../../worker/delivery/twilio.ts';

interface Log {
  attempts: number;
  accepted: { resource: string; fields: Record<string, string> }[];
  refusals: string[];
}

const service = inject('twilioService');

const logOf = async (to: string): Promise<Log> =>
  (await fetch(`${service.url}/log?${new URLSearchParams({ to })}`)).json();

const account: TwilioConfig = {
  baseUrl: service.url,
  accountSid: service.accountSid,
  authToken: service.authToken,
  from: '+15005550006',
};
const fast = { backoffMs: 10, timeoutMs: 3000 };
const twilio = twilioProvider(account, fast);
const emailConfig = { baseUrl: service.url, serverToken: service.emailToken, from: 'codes@bank.example' };
const email = emailProvider(emailConfig, fast);
const text =
  'Code 482915 adds payee J SMITH, account ending 3000. Never read it to anyone, not even to the bank: type it into the app.';

describe('SMS through the Twilio-compatible API', () => {
  it('posts To, From and Body, form-encoded with basic auth, and returns the message sid', async () => {
    const sent = await twilio.send('sms', '+447700900123', text);
    expect(sent).toEqual({ ok: true, value: { id: expect.stringMatching(/^SM[0-9a-f]{32}$/) } });
    const log = await logOf('+447700900123');
    expect(log.refusals).toEqual([]);
    expect(log.accepted).toEqual([
      { resource: 'Messages', fields: { To: '+447700900123', From: '+15005550006', Body: text } },
    ]);
  });

  it('sends through the messaging service instead of From when one is configured', async () => {
    const viaService = twilioProvider({ ...account, messagingServiceSid: `MG${'ab'.repeat(16)}` }, fast);
    expect((await viaService.send('sms', '+447700900124', text)).ok).toBe(true);
    const log = await logOf('+447700900124');
    expect(log.accepted[0]?.fields).toEqual({
      To: '+447700900124',
      MessagingServiceSid: `MG${'ab'.repeat(16)}`,
      Body: text,
    });
  });

  it('reaches a base URL with a path, as SignalWire and Restcomm-style servers have', async () => {
    // The local server serves only /2010-04-01/…: a base with a trailing slash must not double it.
    const slashed = twilioProvider({ ...account, baseUrl: `${service.url}/` }, fast);
    expect((await slashed.send('sms', '+447700900125', text)).ok).toBe(true);
  });

  it('is rejected with wrong credentials, and says why for the log', async () => {
    const wrong = twilioProvider({ ...account, authToken: 'not-the-token' }, fast);
    const sent = await wrong.send('sms', '+447700900126', text);
    expect(sent).toEqual({ ok: false, reason: 'rejected', message: '401 Authenticate' });
    expect(await logOf('+447700900126')).toMatchObject({ attempts: 1, accepted: [], refusals: ['Authenticate'] });
  });

  it('is rejected, without a retry, for a number Twilio calls invalid (400, code 21211)', async () => {
    const sent = await twilio.send('sms', '+15005550001', text);
    expect(sent).toEqual({
      ok: false,
      reason: 'rejected',
      message: "400 The 'To' number +15005550001 is not a valid phone number.",
    });
    expect((await logOf('+15005550001')).attempts).toBe(1);
  });

  it('is rate_limited on 429, without a retry', async () => {
    expect(await twilio.send('sms', '+15005550429', text)).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect((await logOf('+15005550429')).attempts).toBe(1);
  });

  it('retries once after a 500 and is then sent', async () => {
    expect(await twilio.send('sms', '+15005550500', text)).toMatchObject({ ok: true });
    expect(await logOf('+15005550500')).toMatchObject({ attempts: 2, accepted: [{ resource: 'Messages' }] });
  });

  it('is unavailable after exactly two attempts when the API keeps answering 503', async () => {
    const sent = await twilio.send('sms', '+15005550503', text);
    expect(sent).toEqual({ ok: false, reason: 'unavailable', message: '503 Internal Server Error' });
    expect((await logOf('+15005550503')).attempts).toBe(2);
  });

  it('is unavailable after two attempts that time out', async () => {
    const impatient = twilioProvider(account, { backoffMs: 10, timeoutMs: 200 });
    expect(await impatient.send('sms', '+15005550408', text)).toMatchObject({ ok: false, reason: 'unavailable' });
    expect((await logOf('+15005550408')).attempts).toBe(2);
  });

  it('is unavailable when nothing listens at the base URL', async () => {
    // Port 9 (discard) on the loopback: nothing listens there in the test environment.
    const nowhere = twilioProvider({ ...account, baseUrl: 'http://127.0.0.1:9' }, fast);
    expect(await nowhere.send('sms', '+447700900127', text)).toMatchObject({ ok: false, reason: 'unavailable' });
  });
});

describe('voice calls through the Twilio-compatible API', () => {
  it('posts To, From and TwiML that says the code digit by digit, twice', async () => {
    const sent = await twilio.send('call', '+447700900130', 'Your Countersign code is 482 915.');
    expect(sent).toEqual({ ok: true, value: { id: expect.stringMatching(/^CA[0-9a-f]{32}$/) } });
    const log = await logOf('+447700900130');
    expect(log.refusals).toEqual([]);
    const say = 'Your Countersign code is 4, 8, 2, 9, 1, 5,.';
    expect(log.accepted).toEqual([
      {
        resource: 'Calls',
        fields: {
          To: '+447700900130',
          From: '+15005550006',
          Twiml: `<Response><Say>${say}</Say><Pause length="1"/><Say>${say}</Say></Response>`,
        },
      },
    ]);
  });

  it('escapes the text for XML', async () => {
    const sent = await twilio.send('call', '+447700900131', 'Code 123456 pays <J & K "Smith">');
    expect(sent.ok).toBe(true);
    const twiml = (await logOf('+447700900131')).accepted[0]?.fields.Twiml;
    expect(twiml).toContain('<Say>Code 1, 2, 3, 4, 5, 6, pays &lt;J &amp; K &quot;Smith&quot;&gt;</Say>');
  });

  it('is rejected without a From number, since a call cannot go through a messaging service', async () => {
    const noFrom = twilioProvider({ ...account, from: undefined, messagingServiceSid: `MG${'ab'.repeat(16)}` }, fast);
    expect(await noFrom.send('call', '+447700900132', text)).toMatchObject({ ok: false, reason: 'rejected' });
    expect((await logOf('+447700900132')).attempts).toBe(0);
  });
});

describe('e-mail through the Postmark-compatible API', () => {
  it('posts From, To, Subject and TextBody as JSON with the server token', async () => {
    const sent = await email.send('email', 'ann@example.com', text);
    expect(sent).toEqual({ ok: true, value: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const log = await logOf('ann@example.com');
    expect(log.refusals).toEqual([]);
    expect(log.accepted).toEqual([
      {
        resource: 'email',
        fields: { From: 'codes@bank.example', To: 'ann@example.com', Subject: 'Your Countersign code', TextBody: text },
      },
    ]);
  });

  it('names the bank in the subject', async () => {
    const named = emailProvider({ ...emailConfig, bankName: 'Northbank' }, fast);
    expect(await named.send('email', 'cat@example.com', text)).toMatchObject({ ok: true });
    expect((await logOf('cat@example.com')).accepted[0]?.fields.Subject).toBe('Your Northbank code');
  });

  it('is rejected with a wrong server token', async () => {
    const wrong = emailProvider({ baseUrl: service.url, serverToken: 'wrong', from: 'codes@bank.example' }, fast);
    expect(await wrong.send('email', 'bob@example.com', text)).toMatchObject({ ok: false, reason: 'rejected' });
    expect((await logOf('bob@example.com')).attempts).toBe(1);
  });

  it('is rejected for an address the API refuses (422), rate_limited on 429, each tried once', async () => {
    expect(await email.send('email', 'invalid@example.com', text)).toEqual({
      ok: false,
      reason: 'rejected',
      message: '422 Invalid email request',
    });
    expect(await email.send('email', 'limited@example.com', text)).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect((await logOf('invalid@example.com')).attempts).toBe(1);
    expect((await logOf('limited@example.com')).attempts).toBe(1);
  });

  it('retries once after a 500, and is unavailable after two 503s', async () => {
    expect(await email.send('email', 'flaky@example.com', text)).toMatchObject({ ok: true });
    expect(await email.send('email', 'down@example.com', text)).toMatchObject({ ok: false, reason: 'unavailable' });
    expect((await logOf('flaky@example.com')).attempts).toBe(2);
    expect((await logOf('down@example.com')).attempts).toBe(2);
  });

  it('is unavailable when nothing listens at the base URL', async () => {
    const nowhere = emailProvider({ baseUrl: 'http://127.0.0.1:9', serverToken: 't', from: 'a@b.example' }, fast);
    expect(await nowhere.send('email', 'carol@example.com', text)).toMatchObject({ ok: false, reason: 'unavailable' });
  });
});

describe('the provider DELIVERY names', () => {
  const twilioEnv = {
    ...env,
    DELIVERY: 'twilio',
    TWILIO_BASE_URL: service.url,
    TWILIO_ACCOUNT_SID: service.accountSid,
    TWILIO_AUTH_TOKEN: service.authToken,
    TWILIO_FROM: '+15005550006',
    EMAIL_BASE_URL: service.url,
    EMAIL_SERVER_TOKEN: service.emailToken,
    EMAIL_FROM: 'codes@bank.example',
  };

  it('twilio sends SMS and calls by Twilio and e-mail by the e-mail API, as configured', async () => {
    const provider = providerFromEnv(twilioEnv);
    expect((await provider?.send('sms', '+447700900140', text))?.ok).toBe(true);
    expect((await provider?.send('email', 'dan@example.com', text))?.ok).toBe(true);
    expect((await logOf('+447700900140')).accepted).toHaveLength(1);
    expect((await logOf('dan@example.com')).accepted).toHaveLength(1);
  });

  it('twilio without e-mail settings rejects e-mail without sending it', async () => {
    const provider = providerFromEnv({ ...twilioEnv, EMAIL_SERVER_TOKEN: undefined });
    expect(await provider?.send('email', 'erin@example.com', text)).toMatchObject({ ok: false, reason: 'rejected' });
    expect((await logOf('erin@example.com')).attempts).toBe(0);
  });

  it('is none when twilio lacks credentials, or DELIVERY is unset or unknown', () => {
    expect(providerFromEnv({ ...twilioEnv, TWILIO_AUTH_TOKEN: undefined })).toBeNull();
    expect(providerFromEnv({ ...env, DELIVERY: undefined })).toBeNull();
    expect(providerFromEnv({ ...env, DELIVERY: 'pigeon' })).toBeNull();
  });
});
