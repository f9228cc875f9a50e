import { describe, expect, it } from 'vitest';
import { parseCallingCodes, parseSendCaps, readSettings } from './config.ts';

describe('settings', () => {
  it('has the defaults DESIGN.md and the issues name', () => {
    const s = readSettings({ ORIGIN: 'https://verify.example-bank.com' });
    expect(s.otp).toMatchObject({
      ttlMs: 300_000,
      maxChecks: 5,
      maxSends: 5,
      resendCooldownMs: 30_000,
      maxTravelKmh: 900,
    });
    expect(s.otp.capsPerDestination).toEqual([
      { max: 5, windowMs: 600_000 },
      { max: 20, windowMs: 86_400_000 },
    ]);
    expect(s.recovery).toEqual({
      quorum: 2,
      codeTtlMs: 15 * 60_000,
      maxTries: 5,
      attemptsPerDay: 3,
      waitMs: 24 * 3_600_000,
      contactChangeIntervalMs: 24 * 3_600_000,
    });
  });

  it('never lets the quorum go below 2', () => {
    expect(readSettings({ RECOVERY_QUORUM: '1' }).recovery.quorum).toBe(2);
    expect(readSettings({ RECOVERY_QUORUM: '3' }).recovery.quorum).toBe(3);
  });

  it('honours a recovery wait of 0 only on a localhost origin', () => {
    expect(readSettings({ ORIGIN: 'http://localhost:8787', RECOVERY_WAIT_HOURS: '0' }).recovery.waitMs).toBe(0);
    expect(readSettings({ ORIGIN: 'https://verify.example-bank.com', RECOVERY_WAIT_HOURS: '0' }).recovery.waitMs).toBe(
      3_600_000,
    );
  });

  it('reads send caps and calling codes, dropping what does not parse', () => {
    expect(parseSendCaps('3/1h, x, 10/2d', [])).toEqual([
      { max: 3, windowMs: 3_600_000 },
      { max: 10, windowMs: 2 * 86_400_000 },
    ]);
    expect(parseSendCaps('nonsense', [{ max: 1, windowMs: 1 }])).toEqual([{ max: 1, windowMs: 1 }]);
    expect(parseCallingCodes('+44, 353,abc', ['1'])).toEqual(['44', '353']);
  });

  it("gives the agent's code three tries by default, 1 to 5 when set", () => {
    expect(readSettings({}).callAgentCodeTries).toBe(3);
    expect(readSettings({ CALL_AGENT_CODE_TRIES: '1' }).callAgentCodeTries).toBe(1);
    expect(readSettings({ CALL_AGENT_CODE_TRIES: '0' }).callAgentCodeTries).toBe(1);
    expect(readSettings({ CALL_AGENT_CODE_TRIES: '9' }).callAgentCodeTries).toBe(5);
    expect(readSettings({ CALL_AGENT_CODE_TRIES: 'many' }).callAgentCodeTries).toBe(3);
  });

  it("reads the bank's name and real phone number, falling back on what does not print", () => {
    expect(readSettings({}).bank).toEqual({ name: 'Countersign', phone: '+44 20 7946 0000' });
    expect(readSettings({ BANK_NAME: ' Northwind Bank ', BANK_PHONE: '0800 123 4567' }).bank).toEqual({
      name: 'Northwind Bank',
      phone: '0800 123 4567',
    });
    expect(readSettings({ BANK_NAME: 'Bad\u0007Bank', BANK_PHONE: 'call us' }).bank).toEqual({
      name: 'Countersign',
      phone: '+44 20 7946 0000',
    });
  });
});
