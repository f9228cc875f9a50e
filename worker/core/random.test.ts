import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64Url, randomString, randomToken, toBase64Url } from './random.ts';

const digits = '0123456789';
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Makes crypto.getRandomValues hand out these bytes, one batch per call. The rest of each buffer
 * is filled with 255, a byte a 10-symbol alphabet must reject; running out of batches throws.
 */
function feedBytes(...batches: number[][]) {
  return vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T>(buffer: T): T => {
    const batch = batches.shift();
    if (!batch) throw new Error('test fed no more random bytes');
    const bytes = buffer as unknown as Uint8Array;
    bytes.fill(255);
    bytes.set(batch.slice(0, bytes.length));
    return buffer;
  });
}

function counts(text: string, alphabet: string) {
  const tally = new Map([...alphabet].map((symbol) => [symbol, 0]));
  for (const symbol of text) tally.set(symbol, (tally.get(symbol) ?? 0) + 1);
  return tally;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('randomString', () => {
  it('draws only symbols of the alphabet, as many as asked', () => {
    for (const [alphabet, length] of [
      [digits, 6],
      [crockford, 16],
      ['ab', 1],
      [digits, 1000],
    ] as const) {
      const drawn = randomString(alphabet, length);
      expect(drawn).toHaveLength(length);
      for (const symbol of drawn) expect(alphabet).toContain(symbol);
    }
  });

  it('draws strings longer than one call to getRandomValues can fill', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    const drawn = randomString(digits, 100_000);
    expect(drawn).toHaveLength(100_000);
    expect(drawn).toMatch(/^[0-9]+$/);
    expect(spy.mock.calls.length).toBeGreaterThan(1);
  });

  it('refuses alphabets it cannot draw from without bias', () => {
    expect(() => randomString('a', 4)).toThrow(RangeError);
    expect(() => randomString('x'.repeat(257), 4)).toThrow(RangeError);
  });

  it('draws each of ten digits about equally often', () => {
    const draws = 10_000;
    const tally = counts(randomString(digits, draws), digits);
    let chiSquare = 0;
    for (const [symbol, count] of tally) {
      expect(count, `digit ${symbol}`).toBeGreaterThanOrEqual(850);
      expect(count, `digit ${symbol}`).toBeLessThanOrEqual(1150);
      chiSquare += (count - draws / 10) ** 2 / (draws / 10);
    }
    // 9 degrees of freedom: P(chi² > 45) is below 1e-6 for a fair draw.
    expect(chiSquare).toBeLessThan(45);
  });

  it('shows no modulo bias where modulo would double some symbols', () => {
    // 160 symbols: bytes 160..255 must be thrown away. Taken modulo 160, they would make the first
    // 96 symbols twice as likely (3/4 of all draws instead of 96/160 = 3/5).
    const alphabet = Array.from({ length: 160 }, (_, i) => String.fromCharCode(0x100 + i)).join('');
    const draws = 160_000;
    const drawn = randomString(alphabet, draws);
    let low = 0;
    for (let i = 0; i < drawn.length; i++) if (drawn.charCodeAt(i) - 0x100 < 96) low++;
    // Standard deviation of the share is about 0.0012; the band is ±8 of them.
    expect(low / draws).toBeGreaterThan(0.59);
    expect(low / draws).toBeLessThan(0.61);
  });

  it('throws away bytes 250 to 255 for a ten-symbol alphabet instead of folding them onto 0 to 5', () => {
    const spy = feedBytes([250, 251, 252, 253, 254, 255, 250, 251], [7, 7, 7, 7]);
    // Taken modulo 10, the first batch alone would have given "0123".
    expect(randomString(digits, 4)).toBe('7777');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('keeps the accepted bytes in order around the rejected ones, up to 249', () => {
    feedBytes([250, 249, 251, 0, 252, 13, 253, 255], [254, 42]);
    expect(randomString(digits, 4)).toBe('9032');
  });

  it('rejects nothing when the alphabet size divides 256', () => {
    const spy = feedBytes([255, 0, 31, 32, 224]);
    expect(randomString(crockford, 5)).toBe('Z0Z00');
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe('randomToken', () => {
  it('makes 256-bit tokens in base64url that do not repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(fromBase64Url(token)).toHaveLength(32);
    }
  });

  it('encodes the bytes it was given', () => {
    feedBytes([0xfb, 0xff, 0xbf]);
    expect(randomToken(3)).toBe('-_-_');
  });
});

describe('base64url', () => {
  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });

  it('refuses text that is not base64url', () => {
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('a b')).toBeNull();
    expect(fromBase64Url('A')).toBeNull();
  });
});
