import { describe, expect, it } from 'vitest';
import { AsnParser, ECDSASigValue, parseEcdsaSignature } from './ecdsa-der.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const filled = (length: number, value: number) => new Uint8Array(length).fill(value);

/** DER `SEQUENCE { INTEGER r, INTEGER s }` from already-minimal integer contents. */
function der(r: Uint8Array, s: Uint8Array): Uint8Array {
  const int = (v: Uint8Array) => [0x02, v.length, ...v];
  const body = [...int(r), ...int(s)];
  const length = body.length < 0x80 ? [body.length] : [0x81, body.length];
  return bytes(0x30, ...length, ...body);
}

describe('the DER ECDSA signature parser', () => {
  it('reads r and s, keeping the leading zero of a high-bit integer as the library did', () => {
    const r = bytes(0x00, ...filled(32, 0xff));
    const s = filled(31, 0x11);
    const parsed = AsnParser.parse(der(r, s), ECDSASigValue);
    expect(new Uint8Array(parsed.r)).toEqual(r);
    expect(new Uint8Array(parsed.s)).toEqual(s);
  });

  it('reads a view into a larger buffer at its offset', () => {
    const signature = der(bytes(0x01), bytes(0x02));
    const padded = new Uint8Array(signature.length + 4);
    padded.set(signature, 2);
    const parsed = AsnParser.parse(padded.subarray(2, 2 + signature.length), ECDSASigValue);
    expect(new Uint8Array(parsed.r)).toEqual(bytes(0x01));
    expect(new Uint8Array(parsed.s)).toEqual(bytes(0x02));
  });

  it('reads the long length form a P-521 signature needs', () => {
    const r = bytes(0x01, ...filled(65, 0x22));
    const s = bytes(0x01, ...filled(65, 0x33));
    const parsed = parseEcdsaSignature(der(r, s));
    expect(new Uint8Array(parsed.s)).toEqual(s);
  });

  const good = der(bytes(0x05), bytes(0x06));
  it.each([
    ['an empty input', bytes()],
    ['another tag than SEQUENCE', bytes(0x31, ...good.subarray(1))],
    ['bytes after the sequence', bytes(...good, 0x00)],
    ['a length past the end', bytes(0x30, 0x10, ...good.subarray(2))],
    ['a long length form for a short length', bytes(0x30, 0x81, 0x06, ...good.subarray(2))],
    ['an indefinite length', bytes(0x30, 0x80, ...good.subarray(2), 0x00, 0x00)],
    ['a negative integer', der(bytes(0x80), bytes(0x06))],
    ['a non-minimal integer', der(bytes(0x00, 0x05), bytes(0x06))],
    ['an empty integer', der(bytes(), bytes(0x06))],
    ['only one integer', bytes(0x30, 0x03, 0x02, 0x01, 0x05)],
    ['a third integer', bytes(0x30, 0x09, 0x02, 0x01, 0x05, 0x02, 0x01, 0x06, 0x02, 0x01, 0x07)],
  ])('refuses %s', (_name, input) => {
    expect(() => parseEcdsaSignature(input)).toThrow();
  });

  it('parses nothing but an ECDSA signature', () => {
    expect(() => AsnParser.parse(good, class Other {})).toThrow(/only ECDSA/);
  });
});
