/** IP addresses as an API caller may pass them (the end user's, for the per-IP send cap). */

const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * The address in one spelling (IPv4 dotted quad; IPv6 compressed, lower case, as the URL parser
 * writes it), or null when it is neither. One spelling per address, so that `::1` and
 * `0:0:0:0:0:0:0:1` count against the same cap.
 */
export function canonicalIp(input: string): string | null {
  const value = input.trim();
  if (ipv4.test(value)) return value;
  if (!value.includes(':') || value.length > 45 || !/^[0-9a-fA-F:.]+$/.test(value)) return null;
  try {
    const host = new URL(`http://[${value}]/`).hostname;
    return host.slice(1, -1);
  } catch {
    return null;
  }
}
