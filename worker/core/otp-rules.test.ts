import { describe, expect, it } from 'vitest';
import { otpMessage, SendTimer } from './otp-rules.ts';

describe('out-of-band code rules', () => {
  it('pads a withheld send to about as long as real sends take', () => {
    const timer = new SendTimer();
    expect(timer.padding(0.5)).toBe(0);
    timer.note(200);
    expect(timer.padding(0.5)).toBe(200);
    expect(timer.padding(0)).toBe(150);
    expect(timer.padding(0.999)).toBeCloseTo(249.8, 0);
    timer.note(400);
    expect(timer.padding(0.5)).toBe(240);
    timer.note(Number.NaN);
    expect(timer.padding(0.5)).toBe(240);
  });

  it('names the payee and the amount a transaction code approves', () => {
    const payee = { name: 'j smith', account: 'GB33 BUKB 2020 1555 5555 55' };
    expect(otpMessage('add_payee', '482915', { payee })).toBe(
      'Code 482915 adds payee J SMITH, account ending 5555. Never share this code.',
    );
    expect(otpMessage('payment', '482915', { payee, amount: { value: '12.5', currency: 'GBP' } })).toBe(
      'Code 482915 approves paying 12.50 GBP to J SMITH, account ending 5555. Never share this code.',
    );
  });
});
