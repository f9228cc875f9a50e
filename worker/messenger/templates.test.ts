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
});
