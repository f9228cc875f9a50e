/// <reference types="vite/client" />
/**
 * Invariant: "Codes come from crypto.getRandomValues with rejection sampling (no modulo bias); at
 * least 6 digits (≈20 bits, NIST SP 800-63B). Shown grouped for reading aloud (482 915)."
 * The sampling itself is unit-tested beside the one randomness module: worker/core/random.test.ts
 * (no modulo bias, bytes 250–255 thrown away, uniform digits) and worker/core/codes.test.ts. Here:
 * nothing else in the code base draws randomness, and every ceremony hands out such codes.
 */
import { describe, expect, it } from 'vitest';
import { groupCode } from '../../../shared/call-view.ts';
import { checkCustomerCode, confirm, startCall } from '../call-helpers.ts';
import { register } from '../client.ts';
import { enrolPhone, latestCode, messagesTo, startVerification } from '../otp-helpers.ts';
import { callPeople } from './call-setup.ts';

// The source of the worker, the shared code and the PWA, as text (Vite reads it at build time).
const sources = import.meta.glob(['../../../worker/**/*.ts', '../../../shared/**/*.ts', '../../../web/**/*.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const production = Object.entries(sources).filter(([path]) => !path.endsWith('.test.ts'));

const people = callPeople();

describe('codes are random, unbiased and six digits', () => {
  it('draws secrets only from crypto.getRandomValues: Math.random only jitters timing, never makes a value', () => {
    // Each entry is a timing jitter, not a secret: the PWA's reconnect back-off, the decoy padding.
    const jitterOnly = ['../../../web/ui/live.ts', '../../../worker/messenger/messenger.ts'];
    expect(production.length).toBeGreaterThan(50);
    const users = production.filter(([, text]) => /Math\.random\s*\(/.test(text)).map(([path]) => path);
    expect(users.filter((path) => !jitterOnly.includes(path))).toEqual([]);
  });

  it('makes every one-time code in the one randomness module (worker/core/random.ts, by rejection sampling)', () => {
    const drawing = production.filter(([, text]) => /getRandomValues\s*\(/.test(text)).map(([path]) => path);
    // Everything else that calls getRandomValues takes whole bytes (ids, tokens), never digits.
    for (const [path, text] of production.filter(([p]) => drawing.includes(p) && !p.endsWith('core/random.ts')))
      expect(/getRandomValues[^;]*%/.test(text), path).toBe(false);
    expect(drawing.some((p) => p.endsWith('worker/core/random.ts'))).toBe(true);
  });

  it('gives six-digit codes in calls and by SMS, grouped on screen for reading aloud', async () => {
    const chris = await register('codes.random', { displayName: 'Chris Random' });
    await enrolPhone(chris.session, '+447911160001');
    const id = await startCall(people.agent, 'codes.random');
    const { code } = (await confirm(chris, id)).body;
    expect(code).toMatch(/^\d{6}$/);
    expect((await checkCustomerCode(people.agent, id, code)).body.agentCode).toMatch(/^\d{6}$/);
    const started = await startVerification({ cookie: chris.session }, { channel: 'sms', purpose: 'sign_in' });
    expect(started.status).toBe(201);
    const sent = (await latestCode('+447911160001')) as string;
    expect(sent).toMatch(/^\d{6}$/);
    expect((await messagesTo('+447911160001'))[0]?.text).toContain(sent);
    // Screens show a code grouped in threes (web/ui/codes.tsx uses groupCode).
    expect(groupCode(code)).toBe(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(sources['../../../web/ui/codes.tsx']).toContain('groupCode(');
  });
});
