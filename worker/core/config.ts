/** Deployment settings read from the environment's vars, with defaults and safe bounds. */

export interface Settings {
  origin: string;
  rpId: string;
  rpName: string;
  /** How long a passkey challenge lives; never more than 5 minutes. */
  passkeyChallengeTtlMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  inviteTtlMs: number;
  /** How long a worker isolate may trust a session the Account object confirmed (0: never). */
  sessionCacheMs: number;
  /** How long a call verification lives before its alarm expires it (DESIGN.md: 5 minutes). */
  callTtlMs: number;
}

export interface SettingsVars {
  ORIGIN?: string;
  RP_ID?: string;
  RP_NAME?: string;
  PASSKEY_CHALLENGE_TTL_SECONDS?: string;
  SESSION_IDLE_MINUTES?: string;
  SESSION_ABSOLUTE_HOURS?: string;
  INVITE_TTL_HOURS?: string;
  CALL_TTL_SECONDS?: string;
  SESSION_CACHE_SECONDS?: string;
}

function bounded(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = raw === undefined ? Number.NaN : Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/** Reads the settings; missing or out-of-range values fall back to the defaults or the bounds. */
export function readSettings(vars: SettingsVars): Settings {
  const origin = vars.ORIGIN ?? 'http://localhost:8787';
  return {
    origin,
    rpId: vars.RP_ID ?? new URL(origin).hostname,
    rpName: vars.RP_NAME ?? 'Countersign',
    passkeyChallengeTtlMs: bounded(vars.PASSKEY_CHALLENGE_TTL_SECONDS, 300, 30, 300) * 1000,
    sessionIdleMs: bounded(vars.SESSION_IDLE_MINUTES, 30, 1, 24 * 60) * 60_000,
    sessionAbsoluteMs: bounded(vars.SESSION_ABSOLUTE_HOURS, 12, 1, 24 * 30) * 3_600_000,
    inviteTtlMs: bounded(vars.INVITE_TTL_HOURS, 72, 1, 24 * 30) * 3_600_000,
    sessionCacheMs: bounded(vars.SESSION_CACHE_SECONDS, 5, 0, 30) * 1000,
    callTtlMs: bounded(vars.CALL_TTL_SECONDS, 300, 10, 900) * 1000,
  };
}
