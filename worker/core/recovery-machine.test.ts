import { describe, expect, it } from 'vitest';
import { readSettings } from './config.ts';
import {
  afterFirstFactor,
  alarmStep,
  choose,
  completable,
  contactCodeBegins,
  contactCodeEnds,
  ending,
  nextAlarm,
  progressMs,
  quorum,
  type RecoveryContactRow,
  type RecoveryRow,
  readyMs,
  recoveryView,
  retentionMs,
  stoppable,
  validOpen,
} from './recovery-machine.ts';

const settings = readSettings({}).recovery;
const at = 10_000_000;
const hex = (c: string) => c.repeat(64);
const row = (more: Partial<RecoveryRow> = {}): RecoveryRow => ({
  recovery_id: hex('r'),
  account_id: hex('a'),
  subject: 'jo',
  holder_name: 'Jo',
  token_hash: hex('t'),
  state: 'collecting',
  verification_id: hex('v'),
  masked_to: '+44 ••• 123',
  quorum: 2,
  created_at: at - 1000,
  expires_at: at + progressMs,
  ready_at: null,
  ended_reason: null,
  ...more,
});
const contact = (id: string, more: Partial<RecoveryContactRow> = {}): RecoveryContactRow => ({
  contact_id: id,
  name: `Contact ${id}`,
  phone: '+447700900001',
  contact_account_id: null,
  chosen: 1,
  via: 'sms',
  code_hash: new ArrayBuffer(32),
  tries: 0,
  code_expires_at: at + 60_000,
  approved_at: null,
  ...more,
});

describe('recovery machine: first factor and choosing contacts', () => {
  it('shows the contacts after the first code, ends on a locked or expired one', () => {
    expect(afterFirstFactor('approved', 'first_factor')).toBe('load_contacts');
    expect(afterFirstFactor('approved', 'choose_contacts')).toBe('stay');
    expect(afterFirstFactor('pending', 'first_factor')).toBe('stay');
    expect(afterFirstFactor('max_attempts_reached', 'first_factor')).toBe('expire');
  });

  it('needs at least the quorum of new contacts of this recovery', () => {
    const contacts = [contact('1', { chosen: 0 }), contact('2', { chosen: 0 }), contact('3', { chosen: 0 })];
    const first = row({ state: 'choose_contacts' });
    expect(choose(first, contacts, ['1'], settings, at)).toEqual({ ok: false, reason: 'invalid' });
    expect(choose(first, contacts, ['1', 'nobody'], settings, at)).toEqual({ ok: false, reason: 'invalid' });
    const chosen = choose(first, contacts, ['1', '2', '1'], settings, at);
    expect(chosen.ok && chosen.value.picked.map((c) => c.contact_id)).toEqual(['1', '2']);
    expect(chosen.ok && chosen.value.write?.state).toBe('collecting');
    expect(choose(row({ state: 'first_factor' }), contacts, ['1', '2'], settings, at)).toEqual({
      ok: false,
      reason: 'wrong_state',
    });
  });

  it('adds more contacts while collecting without starting again', () => {
    const contacts = [contact('1'), contact('2'), contact('3', { chosen: 0 })];
    const more = choose(row(), contacts, ['3'], settings, at);
    expect(more).toMatchObject({ ok: true, value: { first: false, write: null } });
  });
});

describe('recovery machine: contact codes and the quorum', () => {
  it('counts a try before the hash, and refuses without a look when locked, expired or approved', () => {
    expect(contactCodeBegins(row(), contact('1'), settings, at)).toEqual({ ok: true, value: { hash: true } });
    const locked = contact('1', { tries: settings.maxTries });
    expect(contactCodeBegins(row(), locked, settings, at)).toMatchObject({ value: { outcome: 'locked' } });
    expect(contactCodeBegins(row(), contact('1'), settings, at + 60_000)).toMatchObject({
      value: { outcome: 'expired' },
    });
    const twice = contact('1', { approved_at: at });
    expect(contactCodeBegins(row(), twice, settings, at)).toMatchObject({ value: { outcome: 'approved' } });
    expect(contactCodeBegins(row(), contact('1', { via: 'app' }), settings, at)).toEqual({
      ok: false,
      reason: 'asked_in_app',
    });
    expect(contactCodeBegins(row(), contact('1', { chosen: 0 }), settings, at)).toMatchObject({ reason: 'invalid' });
  });

  it('approves a matching code, locks after the last wrong try, and refuses once the recovery moved on', () => {
    expect(contactCodeEnds('collecting', contact('1', { tries: 1 }), true, settings)).toMatchObject({
      value: { outcome: 'approved', approve: true },
    });
    const last = contact('1', { tries: settings.maxTries });
    expect(contactCodeEnds('collecting', last, false, settings)).toMatchObject({
      value: { outcome: 'locked', lock: true },
    });
    expect(contactCodeEnds('collecting', contact('1', { tries: 1 }), false, settings)).toMatchObject({
      value: { outcome: 'wrong' },
    });
    expect(contactCodeEnds('aborted', contact('1'), true, settings)).toEqual({ ok: false, reason: 'wrong_state' });
  });

  it('waits once the quorum approved, and not before', () => {
    expect(quorum(row(), [contact('1', { approved_at: at }), contact('2')], settings, at)).toBeNull();
    const both = [contact('1', { approved_at: at }), contact('2', { approved_at: at })];
    const reached = quorum(row(), both, settings, at);
    expect(reached).toMatchObject({ state: 'waiting', readyAt: at + settings.waitMs, alarmAt: at + settings.waitMs });
    expect(reached?.write).toEqual({
      state: 'waiting',
      ready_at: at + settings.waitMs,
      expires_at: at + settings.waitMs + readyMs,
    });
    expect(quorum(row(), both, { ...settings, waitMs: 0 }, at)?.state).toBe('ready');
    expect(quorum(row({ state: 'waiting' }), both, settings, at)).toBeNull();
  });
});

describe('recovery machine: ends, completion and the alarm', () => {
  it('ends with its reason and deletes after retention', () => {
    expect(ending('aborted', 'x'.repeat(200), at)).toEqual({
      write: { state: 'aborted', ended_reason: 'x'.repeat(100), expires_at: at },
      alarmAt: at + retentionMs,
    });
    expect(stoppable(row())).toBe(true);
    expect(stoppable(row({ state: 'completed' }))).toBe(false);
  });

  it('completes only while ready and in time', () => {
    expect(completable(row({ state: 'ready', expires_at: at + 1 }), at)).toBe(true);
    expect(completable(row({ state: 'ready', expires_at: at }), at)).toBe(false);
    expect(completable(row({ state: 'waiting' }), at)).toBe(false);
    expect(completable(row({ state: 'ready', account_id: null }), at)).toBe(false);
  });

  it('makes a waiting recovery ready, expires one out of time, and deletes an ended one', () => {
    const waiting = row({ state: 'waiting', ready_at: at });
    expect(alarmStep(waiting, at)).toEqual({
      kind: 'ready',
      write: { state: 'ready', expires_at: at + readyMs },
      readyAt: at,
    });
    expect(alarmStep(waiting, at - 1)).toEqual({ kind: 'none' });
    expect(alarmStep(row({ expires_at: at }), at)).toEqual({ kind: 'expire', event: 'recovery_expired' });
    expect(alarmStep(row({ state: 'first_factor', expires_at: at }), at)).toEqual({ kind: 'expire', event: null });
    expect(alarmStep(row({ state: 'canceled', expires_at: at }), at + retentionMs)).toEqual({ kind: 'delete' });
    expect(nextAlarm(row({ state: 'canceled', expires_at: at }), at)).toBe(at + retentionMs);
    expect(nextAlarm(waiting, at)).toBe(at + 1000);
  });

  it('checks what it is opened with, and shows no contact before the first code', () => {
    const input = { accountId: null, subject: 'jo', tokenHash: hex('a'), verificationId: hex('b'), maskedTo: 'x' };
    expect(validOpen(input)).toBe(true);
    expect(validOpen({ ...input, tokenHash: 'short' })).toBe(false);
    expect(recoveryView(row({ state: 'first_factor' }), [contact('1')], settings).contacts).toEqual([]);
    expect(recoveryView(row(), [contact('1', { approved_at: at })], settings)).toMatchObject({ approvals: 1 });
  });
});
