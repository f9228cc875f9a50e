/**
 * Invariant: "Codes are stored only as a keyed hash (HMAC-SHA-256 with a server secret, bound to
 * the ceremony id and, for transactions, to the transaction details); compared in constant time."
 * Moved here from calls.test.ts. The OTP and recovery codes are held in verifications.test.ts
 * ("stores only an HMAC-SHA-256 of the code") and recovery.test.ts ("refuses a contact code from
 * another recovery"); transaction binding in otp-rules.test.ts (see README.md here).
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { codeHash, codeKey } from '../../../worker/core/codes.ts';
import { checkAgentCode, checkCustomerCode, confirm, startCall } from '../call-helpers.ts';
import { nameFrom, register } from '../client.ts';
import { callPeople, callStub } from './call-setup.ts';

const people = callPeople();
const customer = () => register(`customer.${++people.n}`, { displayName: `Chris Customer ${nameFrom(people.n)}` });

describe('call codes are stored as keyed hashes, bound to the call', () => {
  it('stores only keyed hashes bound to the call and the direction', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    const { code } = (await confirm(chris, id)).body;
    const row = await runInDurableObject(
      callStub(id),
      (_o, state) => state.storage.sql.exec('SELECT * FROM call').toArray()[0],
    );
    const stored = new Uint8Array(row?.customer_code_hash as ArrayBuffer);
    const key = await codeKey(env.CODE_HMAC_SECRET as string);
    expect(stored).toEqual(await codeHash(key, id, 'customer', code));
    expect(stored).not.toEqual(await codeHash(key, id, 'agent', code));
    expect(stored).not.toEqual(await codeHash(key, 'f'.repeat(64), 'customer', code));
    expect(JSON.stringify(row)).not.toContain(code);
  });

  it('does not accept a code from another call, nor the customer code as the agent code', async () => {
    const a = await customer();
    const first = await startCall(people.agent, `customer.${people.n}`);
    const firstCode = (await confirm(a, first)).body.code;
    const b = await customer();
    const second = await startCall(people.agent, `customer.${people.n}`);
    const secondCode = (await confirm(b, second)).body.code;
    if (firstCode !== secondCode)
      expect((await checkCustomerCode(people.agent, second, firstCode)).body.outcome).toBe('mismatch');
    const matched = await checkCustomerCode(people.agent, second, secondCode);
    expect(matched.body.outcome).toBe('matched');
    if (matched.body.agentCode !== secondCode) {
      expect((await checkAgentCode(b, second, secondCode)).body.outcome).toBe('mismatch');
    }
  });
});
