/**
 * A Durable Object storage failure (SQLITE_NOMEM, a reset object, an overloaded one) answers 503 in
 * the error shape with `Retry-After`, never 500; nothing is counted twice and the code stays usable.
 * The failure is injected: the verification's SQL throws once, as workerd's did under load (issue 14).
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { isStorageFailure } from '../../worker/http/storage-failure.ts';
import { bootstrapAdmin, errorCode } from './client.ts';
import {
  checkVerification,
  customerWithPhone,
  issueKey,
  latestCode,
  otherThan,
  startVerification,
} from './otp-helpers.ts';

let key: string;
const verificationStub = (id: string) => env.VERIFICATION.get(env.VERIFICATION.idFromString(id));

/** Makes the next SQL statement matching `pattern` in this verification throw `error`, once. */
const failOnce = (id: string, pattern: RegExp, error: Error) =>
  runInDurableObject(verificationStub(id), (_o, state) => {
    const sql = state.storage.sql;
    const exec = sql.exec.bind(sql);
    let armed = true;
    sql.exec = ((query: string, ...bindings: unknown[]) => {
      if (armed && pattern.test(query)) {
        armed = false;
        throw error;
      }
      return exec(query, ...bindings);
    }) as typeof sql.exec;
  });

const checksOf = (id: string) =>
  runInDurableObject(
    verificationStub(id),
    (_o, state) => state.storage.sql.exec<{ checks: number }>('SELECT checks FROM verification').one().checks,
  );

beforeAll(async () => {
  const admin = await bootstrapAdmin();
  key = (await issueKey(admin, ['verifications'])).key;
});

describe('a storage failure', () => {
  it('answers 503 unavailable with Retry-After when the try counter cannot be written, and counts nothing', async () => {
    const me = await customerWithPhone('store.fail', '+447911125001');
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    expect(started.status).toBe(201);
    const code = (await latestCode(me.phone)) as string;

    await failOnce(started.body.id, /SET checks = checks \+ 1/, new Error('SQLITE_NOMEM: out of memory'));
    const failed = await checkVerification({ key }, started.body.id, { code: otherThan(code) });
    expect(failed.status).toBe(503);
    expect(errorCode(failed)).toBe('unavailable');
    expect(failed.headers.get('Retry-After')).toBe('1');
    expect(failed.headers.get('Cache-Control')).toBe('no-store');
    expect(await checksOf(started.body.id)).toBe(0);

    // The same code checks fine afterwards, and the failed try was not counted.
    const wrong = await checkVerification({ key }, started.body.id, { code: otherThan(code) });
    expect(wrong.body).toMatchObject({ status: 'pending', attempts_left: 4 });
    const approved = await checkVerification({ key }, started.body.id, { code });
    expect(approved.body).toMatchObject({ status: 'approved' });
    expect(await checksOf(started.body.id)).toBe(2);
  });

  it('answers 503 for a reset object too, when the row cannot even be read', async () => {
    const me = await customerWithPhone('store.reset', '+447911125002');
    const started = await startVerification({ key }, { account: me.handle, channel: 'sms', purpose: 'sign_in' });
    const code = (await latestCode(me.phone)) as string;
    const reset = Object.assign(new Error('Durable Object storage operation exceeded timeout'), {
      durableObjectReset: true,
    });
    await failOnce(started.body.id, /SELECT \* FROM verification/, reset);
    const failed = await checkVerification({ key }, started.body.id, { code });
    expect(failed.status).toBe(503);
    expect(errorCode(failed)).toBe('unavailable');
    expect((await checkVerification({ key }, started.body.id, { code })).body).toMatchObject({ status: 'approved' });
    expect(await checksOf(started.body.id)).toBe(1);
  });
});

describe('isStorageFailure', () => {
  it('recognises the error properties Cloudflare documents and the storage messages, and nothing else', () => {
    expect(isStorageFailure(Object.assign(new Error('x'), { retryable: true }))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('x'), { overloaded: true }))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('x'), { durableObjectReset: true }))).toBe(true);
    expect(isStorageFailure(new Error('SQLITE_NOMEM: out of memory'))).toBe(true);
    expect(
      isStorageFailure(new Error('Durable Object storage operation exceeded timeout which caused object to be reset.')),
    ).toBe(true);
    expect(isStorageFailure(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isStorageFailure(Object.assign(new Error('x'), { retryable: false }))).toBe(false);
    expect(isStorageFailure('SQLITE_NOMEM')).toBe(false);
  });
});
