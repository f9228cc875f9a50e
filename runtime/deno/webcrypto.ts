/**
 * Deno's Web Crypto imports a raw P-256 point without checking it lies on the curve; workerd (and
 * the Web Crypto spec, via SEC 1 §3.2.2) refuse it. The product relies on that refusal to reject a
 * forged push subscription key (worker/objects/account/push-rows.ts), so this runtime checks it first.
 */
const p = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const b = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

const toBig = (bytes: Uint8Array) =>
  BigInt(`0x${Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('') || '0'}`);

/** Whether 65 bytes are an uncompressed point on P-256 (other lengths are left to the runtime). */
export function onP256(point: Uint8Array): boolean {
  if (point.length !== 65) return true;
  if (point[0] !== 0x04) return false;
  const x = toBig(point.subarray(1, 33));
  const y = toBig(point.subarray(33));
  if (x >= p || y >= p) return false;
  return (y * y - (x * x * x - 3n * x + b)) % p === 0n;
}

const bytesOf = (data: unknown): Uint8Array | null => {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
};

/** Wraps crypto.subtle.importKey so a raw P-256 point off the curve is refused, as in workerd. */
export function installPointCheck(): void {
  const subtle = crypto.subtle as SubtleCrypto & { __pointCheck?: true };
  if (subtle.__pointCheck) return;
  const importKey = subtle.importKey.bind(subtle) as (...args: unknown[]) => Promise<CryptoKey>;
  Object.defineProperty(subtle, 'importKey', {
    value: (format: string, keyData: unknown, algorithm: unknown, ...rest: unknown[]) => {
      const curve = (algorithm as { namedCurve?: string } | null)?.namedCurve;
      const bytes = format === 'raw' && curve === 'P-256' ? bytesOf(keyData) : null;
      if (bytes && !onP256(bytes))
        return Promise.reject(new DOMException('Invalid key: not a point on P-256', 'DataError'));
      return importKey(format, keyData, algorithm, ...rest);
    },
  });
  Object.defineProperty(subtle, '__pointCheck', { value: true });
}
