/**
 * What caused a security event: the API request (its `Request-Id`) or an object's alarm, which no
 * request caused. Every write of an Account's audit log takes one (`AccountAudit.append`), and so
 * every RPC that ends in one (the Account's methods, the ceremonies' steps, the messenger's
 * `Outgoing`): a path that forgets it does not type-check. The export and the `security_event` log
 * line carry `requestId` (null for an alarm, whose log line says `source: 'alarm'`).
 */

/** A request caused it: the request's id (`RequestContext` is one). */
export interface RequestCause {
  readonly requestId: string;
}

/** An alarm caused it (an expiry, a retry): there is no request to name. */
export interface AlarmCause {
  readonly requestId: null;
  readonly source: 'alarm';
}

export type EventCause = RequestCause | AlarmCause;

/** The cause of every event an object's `alarm()` writes; used only there. */
export const byAlarm: AlarmCause = { requestId: null, source: 'alarm' };

const requestIdPattern = /^req_[0-9a-f]{32}$/;

/** The request id of a cause that came over RPC (checked as from outside), or null. */
export function requestIdOf(cause: unknown): string | null {
  const id = (cause as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' && requestIdPattern.test(id) ? id : null;
}

/** What the log line says caused an event; `unknown` for a cause that is neither (a caller of an older build). */
export function sourceOf(cause: unknown): 'request' | 'alarm' | 'unknown' {
  if (requestIdOf(cause) !== null) return 'request';
  return (cause as { source?: unknown } | null)?.source === 'alarm' ? 'alarm' : 'unknown';
}
