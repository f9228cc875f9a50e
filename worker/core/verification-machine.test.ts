import { describe, expect, it } from 'vitest';
import { readSettings } from './config.ts';
import {
  alarmExpires,
  alarmNext,
  cancel,
  checkBegins,
  checkEnds,
  effectOf,
  effectRetryMs,
  mayClaimEffect,
  mayConsume,
  retentionMs,
  sendBegins,
  sendEnds,
  stillPending,
  type VerificationRow,
  viewOf,
} from './verification-machine.ts';

const settings = readSettings({}).otp;
const at = 1_000_000;
const payee = { name: 'Jo Bloggs', iban: 'GB33BUKB20201555555555' };
const row = (more: Partial<VerificationRow> = {}): VerificationRow => ({
  verification_id: 'v'.repeat(64),
  purpose: 'sign_in',
  channel: 'sms',
  destination: '+447700900123',
  masked: '+44 ••• ••• •123',
  account_id: 'a'.repeat(64),
  owner: 'account:x',
  subject: 'jo',
  budget_keys: '["account:jo"]',
  transaction_json: null,
  code_hash: new ArrayBuffer(32),
  status: 'pending',
  checks: 0,
  sends: 1,
  last_sent_at: at - 60_000,
  created_at: at - 60_000,
  expires_at: at + 60_000,
  effect_pending: 0,
  consumed: 0,
  ...more,
});

describe('verification machine: checks', () => {
  it('counts a check before the code is hashed', () => {
    const begins = checkBegins(row({ checks: 2 }), settings, at);
    expect(begins.hash).toBe(true);
    expect(begins.write).toEqual({ add: { checks: 1 } });
  });

  it('expires a code past its expiry without a look', () => {
    const begins = checkBegins(row(), settings, at + 60_000);
    expect(begins.hash).toBe(false);
    expect(begins.write).toEqual({ set: { status: 'expired', code_hash: null } });
    expect(begins.answer).toEqual({ ok: true, value: { id: 'v'.repeat(64), status: 'expired', attempts_left: 0 } });
  });

  it('refuses a check once the limit is used up by checks still hashing', () => {
    const begins = checkBegins(row({ checks: settings.maxChecks }), settings, at);
    expect(begins.hash).toBe(false);
    expect(begins.write).toBeNull();
    expect(begins.answer).toMatchObject({ ok: true, value: { status: 'max_attempts_reached' } });
  });

  it('answers "closed" to any check of an approved code (single use)', () => {
    expect(checkBegins(row({ status: 'approved' }), settings, at).answer).toEqual({ ok: false, reason: 'closed' });
    expect(checkEnds(row({ status: 'approved' }), true, 1, settings).answer).toEqual({ ok: false, reason: 'closed' });
  });

  it('approves a matching code, forgets its hash, and applies the effect of purposes that have one', () => {
    const signIn = checkEnds(row(), true, 1, settings);
    expect(signIn.write).toEqual({ set: { status: 'approved', code_hash: null, effect_pending: 0 } });
    expect(signIn).toMatchObject({
      audit: { type: 'otp_approved', detail: { checks: 1 } },
      webhook: true,
      effect: false,
    });
    const payment = checkEnds(row({ purpose: 'payment' }), true, 1, settings);
    expect(payment.write?.set?.effect_pending).toBe(1);
    expect(payment.effect).toBe(true);
  });

  it('locks after the last wrong code, and the right code then fails too (PSD2 RTS art. 4)', () => {
    const locked = checkEnds(row({ checks: 5 }), false, settings.maxChecks, settings);
    expect(locked.write).toEqual({ set: { status: 'max_attempts_reached', code_hash: null } });
    expect(locked.audit?.type).toBe('otp_locked');
    const after = checkBegins(row({ status: 'max_attempts_reached' }), settings, at);
    expect(after.answer).toMatchObject({ ok: true, value: { status: 'max_attempts_reached', attempts_left: 0 } });
  });

  it('counts concurrent checks in the tries left after a wrong code', () => {
    const wrong = checkEnds(row({ checks: 3 }), false, 2, settings);
    expect(wrong.write).toBeNull();
    expect(wrong.answer).toEqual({ ok: true, value: { id: 'v'.repeat(64), status: 'pending', attempts_left: 2 } });
  });
});

describe('verification machine: sends, resends and cancels', () => {
  it('takes a send before it goes out, after the cool-down and under the send limit', () => {
    expect(sendBegins(row(), settings, at)).toEqual({
      ok: true,
      write: { add: { sends: 1 }, set: { last_sent_at: at } },
    });
    const early = sendBegins(row({ last_sent_at: at - 10_000 }), settings, at);
    expect(early).toEqual({ ok: false, reason: 'rate_limited', retryAfterMs: settings.resendCooldownMs - 10_000 });
    expect(sendBegins(row({ sends: settings.maxSends }), settings, at)).toEqual({ ok: false, reason: 'send_limit' });
  });

  it('gives a refused send back, keeps a failed one counted without cool-down, and keeps the new hash only once sent', () => {
    const hash = new Uint8Array(32).fill(7);
    const before = row({ last_sent_at: 5 });
    expect(sendEnds(before, 'refused', hash).write).toEqual({ add: { sends: -1 }, set: { last_sent_at: 5 } });
    expect(sendEnds(before, 'failed', hash)).toEqual({ write: { set: { last_sent_at: 5 } }, logged: 'failed' });
    const switched = sendEnds(before, 'withheld', hash, { channel: 'email', destination: null, masked: 'j•••@x' });
    expect(switched).toEqual({
      write: { set: { code_hash: hash, channel: 'email', destination: null, masked: 'j•••@x' } },
      logged: 'withheld',
    });
  });

  it('refuses a resend or a cancel of a code that is no longer pending, expiring it when due', () => {
    expect(stillPending(row(), at).answer).toEqual({ ok: true, value: null });
    expect(stillPending(row({ status: 'canceled' }), at)).toMatchObject({ write: null, answer: { ok: false } });
    expect(stillPending(row(), at + 60_000).write).toEqual({ set: { status: 'expired', code_hash: null } });
    expect(cancel(row({ status: 'approved' }), at).answer).toEqual({ ok: false, reason: 'closed' });
  });

  it('cancels a pending code at once, with its audit event and webhook', () => {
    const canceled = cancel(row(), at);
    expect(canceled.write).toEqual({ set: { status: 'canceled', code_hash: null } });
    expect(canceled).toMatchObject({ audit: { type: 'otp_canceled' }, webhook: true, answer: { ok: true } });
  });
});

describe('verification machine: approvals, effects and the alarm', () => {
  it('lets an approval be used once, and its effect be claimed only by its account and purpose', () => {
    expect(mayConsume(row({ status: 'approved' }))).toBe(true);
    expect(mayConsume(row({ status: 'approved', consumed: 1 }))).toBe(false);
    expect(mayConsume(row())).toBe(false);
    const approved = row({ status: 'approved', purpose: 'add_payee' });
    expect(mayClaimEffect(approved, 'a'.repeat(64), 'add_payee')).toBe(true);
    expect(mayClaimEffect(approved, 'b'.repeat(64), 'add_payee')).toBe(false);
    expect(mayClaimEffect(approved, 'a'.repeat(64), 'payment')).toBe(false);
    expect(mayClaimEffect(row({ status: 'approved' }), 'a'.repeat(64), 'sign_in')).toBe(false);
  });

  it('names the effect of each purpose', () => {
    const tx = JSON.stringify({ payee });
    expect(effectOf(row({ purpose: 'enrol_phone' }))).toEqual({
      kind: 'confirm_contact',
      destination: '+447700900123',
    });
    expect(effectOf(row({ purpose: 'add_payee', transaction_json: tx }))).toMatchObject({ kind: 'add_payee' });
    expect(effectOf(row({ purpose: 'payment', transaction_json: tx }))).toMatchObject({ kind: 'record_payment' });
    expect(effectOf(row())).toBeNull();
  });

  it('expires a due code with its audit event, then waits for retention before deleting', () => {
    expect(alarmExpires(row(), at).write).toBeNull();
    const due = alarmExpires(row({ checks: 2 }), at + 60_000);
    expect(due).toMatchObject({ audit: { type: 'otp_expired', detail: { checks: 2 } }, webhook: false });
    expect(alarmNext(row(), at)).toEqual({ delete: false, alarmAt: at + 60_000 });
    const expired = row({ status: 'expired' });
    expect(alarmNext(expired, at + 60_000)).toEqual({ delete: false, alarmAt: at + 60_000 + retentionMs });
    expect(alarmNext(expired, at + 60_000 + retentionMs)).toEqual({ delete: true });
  });

  it('retries an effect that did not land before anything is deleted', () => {
    const pending = row({ status: 'approved', effect_pending: 1 });
    const late = at + 60_000 + retentionMs;
    expect(alarmNext(pending, late)).toEqual({ delete: false, alarmAt: late + effectRetryMs });
  });

  it('shows an expired code as expired before the alarm has run', () => {
    expect(viewOf(row(), settings, at + 60_000).status).toBe('expired');
    expect(viewOf(row({ purpose: 'call_fallback' }), settings, at).purpose).toBe('sign_in');
  });
});
