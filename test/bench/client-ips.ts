/**
 * Client IPs for the bench's requests, as real customers come from many: 198.18.0.0/15, the range
 * set aside for benchmarks (RFC 2544, RFC 5735), 131,072 addresses taken in turn. Session paths
 * carry one as `CF-Connecting-IP` (what Cloudflare sets); API-key starts pass one as
 * `rate_limits.end_user_ip_address`, so the per-IP send caps apply at their production values.
 */
let next = 0;

/** The next address of the range (wraps after 131,072). */
export function nextClientIp(): string {
  const n = next++ % 131_072;
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}
