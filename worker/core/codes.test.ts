import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupCode } from '../../shared/calls.ts';
import { codeHash, codeKey, newCode, timingSafeEqualBytes } from './codes.ts';

afterEach(() => vi.restoreAllMocks());

describe('one-time codes', () => {
  it('are six decimal digits by default', () => {
    for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^\d{6}$/);
    expect(newCode(8)).toMatch(/^\d{8}$/);
  });

  it('throw away the bytes that would bias them (250 to 255 for ten digits)', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      bytes.fill(3);
      bytes.set([250, 251, 252, 253, 254, 255].slice(0, bytes.length));
      return array;
    });
    expect(newCode()).toBe('333333');
  });

  it('are grouped in threes for reading aloud', () => {
    expect(groupCode('482915')).toBe('482 915');
  });

  it('hash differently for another ceremony, direction, code or key', async () => {
    const key = await codeKey('a'.repeat(32));
    const base = await codeHash(key, 'call-1', 'customer', '123456');
    expect(base).toHaveLength(32);
    expect(await codeHash(key, 'call-1', 'customer', '123456')).toEqual(base);
    for (const other of [
      await codeHash(key, 'call-2', 'customer', '123456'),
      await codeHash(key, 'call-1', 'agent', '123456'),
      await codeHash(key, 'call-1', 'customer', '123457'),
      await codeHash(await codeKey('b'.repeat(32)), 'call-1', 'customer', '123456'),
    ]) {
      expect(timingSafeEqualBytes(other, base)).toBe(false);
    }
  });

  it('compare equal only when every byte is equal', () => {
    expect(timingSafeEqualBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqualBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqualBytes(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
  });
});
