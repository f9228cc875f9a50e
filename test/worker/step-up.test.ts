/**
 * Risk-based step-up at sign-in (issue 4): a passkey from a new country, after impossible travel or
 * from a new device asks for a code before any session exists; "always" asks every time; every
 * decision is an audit event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationView } from '../../shared/verifications.ts';
import { testClock } from '../../worker/core/clock.ts';
import type { SoftAuthenticator } from '../support/authenticator.ts';
import { accountRows, auditOf, call, errorCode, register, startSignIn } from './client.ts';
import { enrolPhone, latestCode, messagesTo, otherThan } from './otp-helpers.ts';
import { addPasskeyWith, savePreferencesWith } from './protection-helpers.ts';

const london = 'country=GB; city=London; lat=51.5; lon=-0.13; asn=2856';
const paris = 'country=FR; city=Paris; lat=48.86; lon=2.35; asn=3215';
const edinburgh = 'country=GB; city=Edinburgh; lat=55.95; lon=-3.19; asn=2856';

interface SignInAnswer {
  account?: { id: string };
  stepUp?: { verification: VerificationView; reasons: string[] };
}

/** A passkey sign-in from `place`; returns the answer and the step-up cookie, if any. */
async function signInFrom(authenticator: SoftAuthenticator, place: string) {
  const { ceremonyId, options } = await startSignIn();
  const credential = await authenticator.authenticate(options);
  const answer = await call<SignInAnswer>('/api/session/verify', {
    body: { ceremonyId, credential },
    headers: { 'X-Countersign-Dev-Place': place },
  });
  const stepUpCookie = /__Host-step-up=([^;]*)/.exec(answer.headers.get('Set-Cookie') ?? '')?.[1] ?? null;
  return { answer, stepUpCookie };
}

const stepUp = (cookie: string, code: string) =>
  call<{ account?: { id: string } }>('/api/session/step-up', {
    body: { code },
    headers: { Cookie: `__Host-step-up=${cookie}` },
  });

let n = 0;
async function customer(phone: string | null) {
  n += 1;
  // Registration is the first entry of the sign-in history: from London.
  const person = await register(`step.${n}`, { headers: { 'X-Countersign-Dev-Place': london } });
  if (phone) await enrolPhone(person.session, phone);
  return person;
}

/** Registered and signed in from London a day ago. */
async function registeredInLondon(phone: string | null) {
  const person = await customer(phone);
  const first = await signInFrom(person.authenticator, london);
  if (!first.answer.session) throw new Error(`first sign-in: ${JSON.stringify(first.answer.body)}`);
  await accountRows(person.account.id, 'UPDATE sign_ins SET at = at - 86400000');
  return { ...person, first };
}

afterEach(() => testClock.reset());

describe('sign-in step-up', () => {
  it('says a wrong step-up code in French when French is asked for, with the tries left as a number', async () => {
    const me = await registeredInLondon('+447911126009');
    const { stepUpCookie } = await signInFrom(me.authenticator, paris);
    const code = (await latestCode('+447911126009')) as string;
    const wrong = await call<{ error: { message: string; fields: { code: string } }; attempts_left: number }>(
      '/api/session/step-up',
      {
        body: { code: otherThan(code) },
        headers: { Cookie: `__Host-step-up=${stepUpCookie}`, 'Accept-Language': 'fr' },
      },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('Ce code n’est pas le bon.');
    expect(wrong.body.error.fields.code).toBe('Ce code n’est pas le bon. 4 essais restants.');
    expect(wrong.body.attempts_left).toBe(4);
  });

  it('lets a sign-in from the usual country and passkey straight in, and audits the decision', async () => {
    const me = await registeredInLondon('+447911126001');
    const again = await signInFrom(me.authenticator, london);
    expect(again.answer.status).toBe(200);
    expect(again.answer.body.account).toBeDefined();
    expect(again.answer.session).toBeTruthy();
    const decision = (await auditOf(again.answer.session as string)).find((e) => e.type === 'sign_in_risk');
    expect(decision?.detail).toMatchObject({ stepUp: 'not_needed', country: 'GB', city: 'London' });
  });

  it('asks for a code from a new country: no session until the code comes back', async () => {
    const me = await registeredInLondon('+447911126002');
    const sentBefore = (await messagesTo('+447911126002')).length;
    const { answer, stepUpCookie } = await signInFrom(me.authenticator, paris);
    expect(answer.status).toBe(200);
    expect(answer.session).toBeNull();
    expect(answer.body.account).toBeUndefined();
    expect(answer.body.stepUp).toMatchObject({
      reasons: ['new_country'],
      verification: { status: 'pending', to: '+44 •••• ••• 002', purpose: 'sign_in' },
    });
    expect(await messagesTo('+447911126002')).toHaveLength(sentBefore + 1);
    const code = (await latestCode('+447911126002')) as string;
    // After a reload the app asks for the pending sign-in again: the same code, and why.
    const resumed = await call<{ stepUp: { verification: VerificationView; reasons: string[] } }>(
      '/api/session/step-up',
      {
        headers: { Cookie: `__Host-step-up=${stepUpCookie}` },
      },
    );
    expect(resumed.body.stepUp).toMatchObject({
      reasons: ['new_country'],
      verification: { id: answer.body.stepUp?.verification.id },
    });

    const wrong = await stepUp(stepUpCookie as string, otherThan(code));
    expect(wrong.status).toBe(400);
    expect(errorCode(wrong)).toBe('code_wrong');
    expect((wrong.body as unknown as { error: { fields: { code: string } } }).error.fields.code).toMatch(
      /4 tries left/,
    );
    // The tries left as a number too, so that the app reads them in any language.
    expect((wrong.body as { attempts_left?: number }).attempts_left).toBe(4);
    expect(wrong.session).toBeNull();

    const right = await stepUp(stepUpCookie as string, code);
    expect(right.status).toBe(200);
    expect(right.session).toBeTruthy();
    const events = await auditOf(right.session as string);
    expect(events.find((e) => e.type === 'sign_in_risk')?.detail).toMatchObject({
      stepUp: 'required',
      reasons: 'new_country',
      country: 'FR',
    });
    expect(events.find((e) => e.type === 'signed_in')?.detail).toMatchObject({ stepUp: 'passed' });
    // The approval opened one session; the same cookie and code cannot open another.
    expect((await stepUp(stepUpCookie as string, code)).status).toBeGreaterThanOrEqual(400);
  });

  it('asks for a code after travel faster than 900 km/h within the same country', async () => {
    const me = await customer('+447911126003');
    await signInFrom(me.authenticator, london);
    // The last sign-in, in London, was 20 minutes ago: Edinburgh is 530 km away.
    testClock.advance(20 * 60_000);
    const { answer } = await signInFrom(me.authenticator, edinburgh);
    expect(answer.body.stepUp?.reasons).toEqual(['impossible_travel']);
  });

  it('asks for a code from a passkey that never signed in before (a new device)', async () => {
    const me = await registeredInLondon('+447911126004');
    // Add a second passkey (a new phone) while signed in, then sign in with it.
    const { SoftAuthenticator } = await import('../support/authenticator.ts');
    const newPhone = new SoftAuthenticator({ origin: 'http://localhost:8787' });
    const added = await addPasskeyWith(me.first.answer.session as string, me.authenticator, newPhone);
    expect(added.status).toBe(201);
    const { answer } = await signInFrom(newPhone, london);
    expect(answer.body.stepUp?.reasons).toEqual(['new_device']);
  });

  it('asks every time when the holder chose "always"', async () => {
    const me = await registeredInLondon('+447911126005');
    const session = me.first.answer.session as string;
    const saved = await savePreferencesWith(session, me.authenticator, { stepUp: 'always', otpChannel: 'sms' });
    expect(saved.status).toBe(200);
    expect((await signInFrom(me.authenticator, london)).answer.body.stepUp?.reasons).toEqual(['always']);
    expect((await auditOf(session)).some((e) => e.type === 'preferences_changed')).toBe(true);
    const bad = await savePreferencesWith(session, me.authenticator, { stepUp: 'sometimes', otpChannel: 'pigeon' });
    expect(bad.status).toBe(400);
  });

  it('forgets a pending sign-in when the device starts again: its code stops working', async () => {
    const me = await registeredInLondon('+447911126007');
    const { stepUpCookie } = await signInFrom(me.authenticator, paris);
    const code = (await latestCode('+447911126007')) as string;
    const headers = { Cookie: `__Host-step-up=${stepUpCookie}` };
    const ended = await call('/api/session/step-up', { method: 'DELETE', headers });
    expect(ended.status).toBe(200);
    expect(ended.headers.get('Set-Cookie')).toMatch(/__Host-step-up=;/);
    const late = await stepUp(stepUpCookie as string, code);
    expect(late.status).toBe(409);
    expect(late.session).toBeNull();
  });

  it('lets the code go by another channel on resend, and refuses a step-up cookie it did not make', async () => {
    const me = await registeredInLondon('+447911126006');
    const { stepUpCookie } = await signInFrom(me.authenticator, paris);
    const resend = await call<{ stepUp: { verification: VerificationView } }>('/api/session/step-up/resend', {
      body: { channel: 'call' },
      headers: { Cookie: `__Host-step-up=${stepUpCookie}` },
    });
    // The 30-second cool-down applies to the step-up code too.
    expect(resend.status).toBe(429);
    const forged = `${(stepUpCookie as string).split('.')[0]}.${'A'.repeat(43)}`;
    expect(errorCode(await stepUp(forged, '123456'))).toBe('verification_not_found');
    expect(errorCode(await call('/api/session/step-up', { body: { code: '123456' } }))).toBe('verification_not_found');
  });

  it('signs in without a code when none can be sent (no verified contact), and says so in the audit', async () => {
    const me = await registeredInLondon(null);
    const { answer } = await signInFrom(me.authenticator, paris);
    expect(answer.body.account).toBeDefined();
    const decision = (await auditOf(answer.session as string)).find((e) => e.type === 'sign_in_risk');
    expect(decision?.detail).toMatchObject({ stepUp: 'unavailable', reasons: 'new_country' });
  });
});
