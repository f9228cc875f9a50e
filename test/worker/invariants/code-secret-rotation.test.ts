/**
 * Invariant (issue 12): `CODE_HMAC_SECRET` can be rotated. A code issued under the key being
 * replaced still checks while `CODE_HMAC_SECRET_PREVIOUS` holds it; new codes use the new key; a code
 * under any other key fails; a check hashes under both keys but counts as one try. Decoys are keyed
 * apart (worker/core/otp-destinations.test.ts, "keeps a decoy across a rotation").
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { codeHash, codeKey } from '../../../worker/core/codes.ts';
import { Verification } from '../../../worker/objects/verification.ts';
import { bindingOf } from '../../../worker/objects/verification-rows.ts';
import { register } from '../client.ts';
import { directCall } from '../direct-call.ts';
import { latestCode, startVerification } from '../otp-helpers.ts';

const oldSecret = env.CODE_HMAC_SECRET as string;
const newSecret = 'rotated-code-hmac-secret-0123456789abcdef';
const strangerSecret = 'some-other-code-hmac-secret-0123456789abc';

let n = 0;
/** A pending enrolment code issued under the test env's key (the one being rotated out). */
async function codeIssuedBeforeRotation() {
  n += 1;
  const person = await register(`rotation.${n}`);
  const phone = `+4479111255${String(n).padStart(2, '0')}`;
  const started = await startVerification(
    { cookie: person.session },
    { to: phone, channel: 'sms', purpose: 'enrol_phone' },
  );
  expect(started.status).toBe(201);
  return { id: started.body.id, code: (await latestCode(phone)) as string };
}

/** Runs `check` in the verification's own object, as a worker deployed with `secrets` would. */
function checkWith(id: string, code: string, secrets: Record<string, string>) {
  const stub = env.VERIFICATION.get(env.VERIFICATION.idFromString(id));
  return runInDurableObject(stub, async (_o, state) => {
    const rotated = new Verification(state, { ...env, ...secrets });
    const owner = state.storage.sql.exec<{ owner: string }>('SELECT owner FROM verification').one().owner;
    const answer = await rotated.check(owner, code, null, directCall);
    const { checks, code_hash } = state.storage.sql
      .exec<{ checks: number; code_hash: ArrayBuffer | null }>('SELECT checks, code_hash FROM verification')
      .one();
    return { answer, checks, codeHash: code_hash ? new Uint8Array(code_hash) : null };
  });
}

describe('rotating the code secret', () => {
  it('accepts a code made before the rotation while the previous key is kept', async () => {
    const { id, code } = await codeIssuedBeforeRotation();
    const checked = await checkWith(id, code, { CODE_HMAC_SECRET: newSecret, CODE_HMAC_SECRET_PREVIOUS: oldSecret });
    expect(checked.answer).toMatchObject({ ok: true, value: { status: 'approved' } });
  });

  it('refuses that code once the previous key is gone, and one made under a key neither current nor previous', async () => {
    const dropped = await codeIssuedBeforeRotation();
    expect((await checkWith(dropped.id, dropped.code, { CODE_HMAC_SECRET: newSecret })).answer).toMatchObject({
      ok: true,
      value: { status: 'pending' },
    });
    const stranger = await codeIssuedBeforeRotation();
    const checked = await checkWith(stranger.id, stranger.code, {
      CODE_HMAC_SECRET: newSecret,
      CODE_HMAC_SECRET_PREVIOUS: strangerSecret,
    });
    // Two keys tried, one try counted.
    expect(checked.answer).toMatchObject({ ok: true, value: { status: 'pending', attempts_left: 4 } });
    expect(checked.checks).toBe(1);
  });

  it('issues new codes under the current key only', async () => {
    const rotated = { ...env, CODE_HMAC_SECRET: newSecret, CODE_HMAC_SECRET_PREVIOUS: oldSecret };
    const to = '+447911125599';
    const id = env.VERIFICATION.newUniqueId();
    const hash = await runInDurableObject(env.VERIFICATION.get(id), async (_o, state) => {
      const started = await new Verification(state, rotated).start(
        {
          purpose: 'enrol_phone',
          channel: 'sms',
          destination: to,
          masked: '+44 •••• ••• 599',
          accountId: null,
          owner: 'key:rotation-test',
          subject: to,
          budgetKeys: [`account:${to}`, `to:${to}`],
          transaction: null,
          ip: null,
        },
        directCall,
      );
      expect(started.ok).toBe(true);
      return new Uint8Array(
        state.storage.sql.exec<{ code_hash: ArrayBuffer }>('SELECT code_hash FROM verification').one().code_hash,
      );
    });
    const code = (await latestCode(to)) as string;
    const binding = bindingOf('enrol_phone', null);
    expect(hash).toEqual(await codeHash(await codeKey(newSecret), id.toString(), binding, code));
    expect(hash).not.toEqual(await codeHash(await codeKey(oldSecret), id.toString(), binding, code));
  });
});
