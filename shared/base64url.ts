/** base64url without padding (RFC 4648 §5): WebAuthn challenges and tokens. Runs in the worker and the browser. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
