import { describe, expect, it } from 'vitest';
import { type Message, render } from './templates.ts';

const context = { origin: 'https://verify.northbank.example', rpId: 'verify.northbank.example', bankName: 'Northbank' };
const recovery = { recoveryId: 'a'.repeat(64), abortToken: 'b'.repeat(22) };
const every: Message[] = [
  ...(['sign_in', 'recovery', 'enrol_phone', 'call_fallback'] as const).map(
    (purpose): Message => ({ kind: 'otp', purpose, code: '482915', transaction: null }),
  ),
  {
    kind: 'otp',
    purpose: 'payment',
    code: '482915',
    transaction: {
      payee: { name: 'J Smith', account: 'GB33BUKB20201555555555' },
      amount: { value: '25.00', currency: 'GBP' },
    },
  },
  { kind: 'contact_nominated', holder: 'Jo Bloggs' },
  { kind: 'contact_code', holder: 'Jo Bloggs', code: '482915', ...recovery },
  { kind: 'recovery_quorum', holder: 'Jo Bloggs', readyAt: 0, ...recovery },
  { kind: 'announcement', change: 'phone_changed' },
];

describe('message templates', () => {
  it('name the bank as BANK_NAME says, in every message, and never the product', () => {
    for (const message of every) {
      const text = render(message, context);
      expect(text, message.kind).not.toBeNull();
      expect(text).not.toMatch(/Countersign/);
      if (message.kind !== 'otp' || ['sign_in', 'recovery', 'enrol_phone'].includes(message.purpose)) {
        expect(text, `${message.kind} ${message.kind === 'otp' ? message.purpose : ''}`).toMatch(/Northbank/);
      }
    }
  });

  it('say who may hear each code: nobody for a code typed into the app, only the agent for a call code', () => {
    const typed = render({ kind: 'otp', purpose: 'sign_in', code: '482915', transaction: null }, context) ?? '';
    expect(typed).toMatch(/Never read it to anyone, not even to the bank: type it into the app\./);
    const call = render({ kind: 'otp', purpose: 'call_fallback', code: '482915', transaction: null }, context) ?? '';
    expect(call).toMatch(/read it only to the bank agent on the call you are on now/);
    const contact = render({ kind: 'contact_code', holder: 'Jo Bloggs', code: '482915', ...recovery }, context) ?? '';
    expect(contact).toMatch(/give this code only to them/);
  });

  it('end a code typed into the app with the WebOTP line of the RP ID, and a code read aloud without it', () => {
    const typed = render({ kind: 'otp', purpose: 'enrol_phone', code: '482915', transaction: null }, context) ?? '';
    expect(typed.split('\n').at(-1)).toBe('@verify.northbank.example #482915');
    const call = render({ kind: 'otp', purpose: 'call_fallback', code: '482915', transaction: null }, context) ?? '';
    expect(call).not.toMatch(/@verify|#482915/);
  });

  it('keep every English message exactly as it was when no language is given', () => {
    for (const message of every) expect(render(message, { ...context, language: 'en' })).toBe(render(message, context));
  });
});

describe('message templates in French', () => {
  const french = { ...context, language: 'fr' as const };

  it('render every kind in French and name the bank, never the product', () => {
    for (const message of every) {
      const text = render(message, french);
      const what = `${message.kind} ${message.kind === 'otp' ? message.purpose : ''}`;
      expect(text, what).not.toBeNull();
      expect(text, what).not.toBe(render(message, context));
      expect(text, what).not.toMatch(/Countersign|Never read|trusted contact|If this was not you/);
      if (message.kind !== 'otp' || ['sign_in', 'recovery', 'enrol_phone'].includes(message.purpose)) {
        expect(text, what).toMatch(/Northbank/);
      }
    }
  });

  it('say the same rule for codes, in French', () => {
    const typed = render({ kind: 'otp', purpose: 'sign_in', code: '482915', transaction: null }, french) ?? '';
    expect(typed).toMatch(/Ne le lisez jamais à personne, pas même à la banque : saisissez-le dans l’application\./);
    const call = render({ kind: 'otp', purpose: 'call_fallback', code: '482915', transaction: null }, french) ?? '';
    expect(call).toMatch(/lisez-le uniquement au conseiller de la banque avec qui vous êtes en ligne/);
    const contact = render({ kind: 'contact_code', holder: 'Jo Bloggs', code: '482915', ...recovery }, french) ?? '';
    expect(contact).toMatch(/donnez ce code à elle seule : 482915/);
  });

  it('keep the WebOTP line unchanged, and none on a code read aloud', () => {
    for (const purpose of ['sign_in', 'recovery', 'enrol_phone'] as const) {
      const typed = render({ kind: 'otp', purpose, code: '482915', transaction: null }, french) ?? '';
      expect(typed.split('\n').at(-1), purpose).toBe('@verify.northbank.example #482915');
    }
    const payment = render(every[4] as Message, french) ?? '';
    expect(payment).toMatch(/25,00 GBP à J SMITH, compte se terminant par 5555/);
    expect(payment.split('\n').at(-1)).toBe('@verify.northbank.example #482915');
    const call = render({ kind: 'otp', purpose: 'call_fallback', code: '482915', transaction: null }, french) ?? '';
    expect(call).not.toMatch(/@verify|#482915/);
  });

  it('write a recovery date in French', () => {
    const later = { kind: 'recovery_quorum', holder: 'Jo Bloggs', readyAt: Date.UTC(2030, 0, 2, 9, 30), ...recovery };
    expect(render(later as Message, french)).toMatch(/le 2 janvier 2030 (à )?09:30 UTC/);
  });

  it('falls back to English for a language it does not have', () => {
    const message = every[0] as Message;
    expect(render(message, { ...context, language: 'de' as unknown as 'en' })).toBe(render(message, context));
  });
});
