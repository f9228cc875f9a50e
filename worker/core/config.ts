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
  /**
   * Tries the customer has at the code the agent reads (default 3, 1–5). Fewer than the
   * customer code's five: a fraudster on the line coaches "just try again".
   */
  callAgentCodeTries: number;
  /** Who the bank is, as the app and its messages name it, and its real phone number. */
  bank: BankIdentity;
  /** One-time codes sent out of band (DESIGN.md invariants). */
  otp: OtpSettings;
  /** Trusted-contact recovery. */
  recovery: RecoverySettings;
  /** Customer look-ups one agent may make (audited, and capped like sends). */
  agentLookupCaps: SendCap[];
}

export interface BankIdentity {
  /** The bank's name ("Countersign" in dev). */
  name: string;
  /** The bank's real phone number, as printed for customers (`+44 20 7946 0000`). */
  phone: string;
}

export interface RecoverySettings {
  /** Contacts whose codes recover an account: never below 2 (and never above the contacts named). */
  quorum: number;
  codeTtlMs: number;
  maxTries: number;
  attemptsPerDay: number;
  /** Between quorum and the new passkey: every device and contact is told, the owner can cancel. */
  waitMs: number;
  /** After the first set-up, at most one change of contacts in this time. */
  contactChangeIntervalMs: number;
}

/** A cap on sends: at most `max` in any `windowMs`. */
export interface SendCap {
  max: number;
  windowMs: number;
}

export interface OtpSettings {
  ttlMs: number;
  maxChecks: number;
  maxSends: number;
  resendCooldownMs: number;
  capsPerDestination: SendCap[];
  capsPerAccount: SendCap[];
  capsPerIp: SendCap[];
  /** Country calling codes SMS and voice may go to (the SMS-pumping guard), e.g. `44`, `353`, `1`. */
  allowedCallingCodes: string[];
  /** Step-up when travel between two sign-ins would be faster than this. */
  maxTravelKmh: number;
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
  CALL_AGENT_CODE_TRIES?: string;
  BANK_NAME?: string;
  BANK_PHONE?: string;
  SESSION_CACHE_SECONDS?: string;
  OTP_TTL_SECONDS?: string;
  OTP_MAX_CHECKS?: string;
  OTP_MAX_SENDS?: string;
  OTP_RESEND_COOLDOWN_SECONDS?: string;
  OTP_CAPS_PER_DESTINATION?: string;
  OTP_CAPS_PER_ACCOUNT?: string;
  OTP_CAPS_PER_IP?: string;
  OTP_ALLOWED_CALLING_CODES?: string;
  STEP_UP_MAX_TRAVEL_KMH?: string;
  RECOVERY_QUORUM?: string;
  RECOVERY_CODE_TTL_MINUTES?: string;
  RECOVERY_MAX_TRIES?: string;
  RECOVERY_ATTEMPTS_PER_DAY?: string;
  RECOVERY_WAIT_HOURS?: string;
  CONTACT_CHANGE_INTERVAL_HOURS?: string;
  AGENT_LOOKUP_CAPS?: string;
}

const minute = 60_000;
const day = 86_400_000;
const units: Record<string, number> = { s: 1000, m: minute, h: 60 * minute, d: day };

/** `5/10m,20/1d` → two caps; entries that do not parse are dropped, an empty result takes `fallback`. */
export function parseSendCaps(raw: string | undefined, fallback: SendCap[]): SendCap[] {
  if (raw === undefined) return fallback;
  const caps: SendCap[] = [];
  for (const part of raw.split(',')) {
    const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,4})([smhd])\s*$/.exec(part);
    if (!m) continue;
    const windowMs = Number(m[2]) * (units[m[3] as string] as number);
    if (Number(m[1]) >= 1 && windowMs > 0 && windowMs <= 7 * day) caps.push({ max: Number(m[1]), windowMs });
  }
  return caps.length > 0 ? caps : fallback;
}

/** `44, 353,1` → `['44', '353', '1']` (1–3 digits each). */
export function parseCallingCodes(raw: string | undefined, fallback: string[]): string[] {
  if (raw === undefined) return fallback;
  const codes = raw
    .split(',')
    .map((c) => c.trim().replace(/^\+/, ''))
    .filter((c) => /^\d{1,3}$/.test(c));
  return codes.length > 0 ? codes : fallback;
}

function bounded(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = raw === undefined ? Number.NaN : Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/** A printable value of at most `max` characters, trimmed; null when empty or not printable. */
function bankText(raw: string | undefined, max: number): string | null {
  const text = raw?.trim();
  // No control characters: the name goes into every screen and message as written.
  return text && text.length <= max && !/[\p{Cc}\p{Cf}]/u.test(text) ? text : null;
}

/** A phone number as printed (`+44 20 7946 0000`, `0800 123 4567`): digits, spaces, one leading +. */
function bankPhone(raw: string | undefined): string | null {
  const text = bankText(raw, 32);
  return text && /^\+?\d[\d ]{4,}\d$/.test(text) ? text.replace(/ {2,}/g, ' ') : null;
}

const readAlready = new WeakMap<SettingsVars, Settings>();

/**
 * Reads the settings; missing or out-of-range values fall back to the defaults or the bounds. An
 * environment's vars do not change while an isolate lives, so each is read once.
 */
export function readSettings(vars: SettingsVars): Settings {
  let settings = readAlready.get(vars);
  if (!settings) {
    settings = parseSettings(vars);
    readAlready.set(vars, settings);
  }
  return settings;
}

function parseSettings(vars: SettingsVars): Settings {
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
    callAgentCodeTries: Math.round(bounded(vars.CALL_AGENT_CODE_TRIES, 3, 1, 5)),
    bank: {
      name: bankText(vars.BANK_NAME, 64) ?? 'Countersign',
      phone: bankPhone(vars.BANK_PHONE) ?? '+44 20 7946 0000',
    },
    otp: {
      ttlMs: bounded(vars.OTP_TTL_SECONDS, 300, 30, 900) * 1000,
      // PSD2 RTS art. 4 and Twilio Verify's default: at most 5 checks of one code.
      maxChecks: bounded(vars.OTP_MAX_CHECKS, 5, 1, 10),
      maxSends: bounded(vars.OTP_MAX_SENDS, 5, 1, 10),
      resendCooldownMs: bounded(vars.OTP_RESEND_COOLDOWN_SECONDS, 30, 0, 600) * 1000,
      capsPerDestination: parseSendCaps(vars.OTP_CAPS_PER_DESTINATION, [
        { max: 5, windowMs: 10 * minute },
        { max: 20, windowMs: day },
      ]),
      capsPerAccount: parseSendCaps(vars.OTP_CAPS_PER_ACCOUNT, [
        { max: 5, windowMs: 10 * minute },
        { max: 20, windowMs: day },
      ]),
      capsPerIp: parseSendCaps(vars.OTP_CAPS_PER_IP, [
        { max: 30, windowMs: 10 * minute },
        { max: 200, windowMs: day },
      ]),
      allowedCallingCodes: parseCallingCodes(vars.OTP_ALLOWED_CALLING_CODES, ['44', '353', '1', '33', '49', '31']),
      maxTravelKmh: bounded(vars.STEP_UP_MAX_TRAVEL_KMH, 900, 100, 5000),
    },
    recovery: {
      quorum: Math.round(bounded(vars.RECOVERY_QUORUM, 2, 2, 5)),
      codeTtlMs: bounded(vars.RECOVERY_CODE_TTL_MINUTES, 15, 1, 60) * minute,
      maxTries: Math.round(bounded(vars.RECOVERY_MAX_TRIES, 5, 1, 10)),
      attemptsPerDay: Math.round(bounded(vars.RECOVERY_ATTEMPTS_PER_DAY, 3, 1, 20)),
      // No wait at all only on this machine (dev): a deployment that kept the dev value waits an hour.
      waitMs: bounded(vars.RECOVERY_WAIT_HOURS, 24, isDevOrigin(origin) ? 0 : 1, 24 * 14) * 60 * minute,
      contactChangeIntervalMs: bounded(vars.CONTACT_CHANGE_INTERVAL_HOURS, 24, 0, 24 * 30) * 60 * minute,
    },
    agentLookupCaps: parseSendCaps(vars.AGENT_LOOKUP_CAPS, [
      { max: 60, windowMs: 10 * minute },
      { max: 400, windowMs: day },
    ]),
  };
}

/** Whether the app runs on this machine (dev): only then are dev-only inputs and pages honoured. */
export function isDevOrigin(origin: string | undefined): boolean {
  try {
    const host = new URL(origin ?? 'http://localhost:8787').hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}
