/**
 * The account's language (issue 11): `PUT /api/me/language` saves it, the account view answers it,
 * bad input is a 400 field error, and the bank's messages to the account are in it.
 */
import { describe, expect, it } from 'vitest';
import { auditOf, call, errorCode, register } from './client.ts';
import { enrolPhone, messagesTo } from './otp-helpers.ts';

type FieldError = { error: { code: string; fields: Record<string, string> } };
const setLanguage = (session: string | null, body: unknown) =>
  call<{ account: { language: string } } | FieldError>('/api/me/language', { method: 'PUT', body, cookie: session });
const me = async (session: string) =>
  (await call<{ account: { language: string } }>('/api/me', { cookie: session })).body.account;

describe('the account language', () => {
  it('is English until chosen, then what the holder chose, in the account view and the security events', async () => {
    const person = await register('lang.one');
    expect((await me(person.session)).language).toBe('en');
    const saved = await setLanguage(person.session, { language: 'fr' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ account: { language: 'fr' } });
    // Not an old copy from the session cache.
    expect((await me(person.session)).language).toBe('fr');
    expect((await auditOf(person.session))[0]).toMatchObject({
      type: 'language_changed',
      detail: { language: 'fr' },
    });
    expect((await setLanguage(person.session, { language: 'en' })).status).toBe(200);
    expect((await me(person.session)).language).toBe('en');
  });

  it('refuses a language it does not have, or anything else, with a 400 field error', async () => {
    const person = await register('lang.two');
    for (const body of [{ language: 'de' }, { language: 7 }, {}, { language: 'fr', extra: 1 }]) {
      const answer = await setLanguage(person.session, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    const answer = await setLanguage(person.session, { language: 'de' });
    expect((answer.body as FieldError).error.fields.language).toMatch(/"en".*"fr"/);
    expect((await me(person.session)).language).toBe('en');
  });

  it('needs a session', async () => {
    const answer = await setLanguage(null, { language: 'fr' });
    expect(answer.status).toBe(401);
    expect(errorCode(answer)).toBeTruthy();
  });

  it("sends the account's codes in its language, with the WebOTP line unchanged", async () => {
    const person = await register('lang.three');
    await enrolPhone(person.session, '+447911126311');
    const [english] = await messagesTo('+447911126311');
    expect(english?.text).toMatch(/^Code \d{6} confirms this number/);

    const frenchSpeaker = await register('lang.four');
    await setLanguage(frenchSpeaker.session, { language: 'fr' });
    await enrolPhone(frenchSpeaker.session, '+447911126312');
    const [french] = await messagesTo('+447911126312');
    expect(french?.text).toMatch(
      /^Le code (\d{6}) confirme ce numéro pour votre compte .+ Ne le lisez jamais à personne/,
    );
    const code = /(\d{6})/.exec(french?.text ?? '')?.[1];
    expect(french?.text.split('\n').at(-1)).toMatch(new RegExp(`^@\\S+ #${code}$`));
  });
});
