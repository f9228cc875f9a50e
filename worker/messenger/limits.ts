/**
 * The send caps the messenger applies, by the kind of SendBudget name (objects/send-budget.ts):
 * `to:<destination>` (codes), `notice-to:<destination>` (every other message), `account:<subject>`
 * (codes), `notices:<account>` (every other message of an account), `ip:<client IP>` and `key:<API key id>`. Read from the vars, with defaults and bounds.
 */
import { type OtpSettings, parseSendCaps, readSettings, type SendCap, type SettingsVars } from '../core/config.ts';

export interface MessengerVars extends SettingsVars {
  /** Messages other than codes (contact notices, recovery codes to contacts, announcements) per account. */
  NOTICE_CAPS_PER_ACCOUNT?: string;
  /** Codes an API key may have sent, whatever the end user (its quota). */
  API_KEY_SEND_CAPS?: string;
  /** Registration attempts (and so handle-availability answers) per client IP. */
  REGISTRATION_CAPS_PER_IP?: string;
}

export interface MessengerLimits {
  otp: OtpSettings;
  capsPerAccountNotices: SendCap[];
  capsPerKey: SendCap[];
  capsPerRegistrationIp: SendCap[];
}

const minute = 60_000;
const day = 86_400_000;
const read = new WeakMap<MessengerVars, MessengerLimits>();

/** The limits of this environment (vars do not change while an isolate lives: read once). */
export function messengerLimits(vars: MessengerVars): MessengerLimits {
  let limits = read.get(vars);
  if (!limits) {
    limits = {
      otp: readSettings(vars).otp,
      // A set-up tells 5 contacts; a recovery asks up to 5 and tells them all of the quorum.
      capsPerAccountNotices: parseSendCaps(vars.NOTICE_CAPS_PER_ACCOUNT, [
        { max: 20, windowMs: 60 * minute },
        { max: 50, windowMs: day },
      ]),
      capsPerKey: parseSendCaps(vars.API_KEY_SEND_CAPS, [
        { max: 1000, windowMs: 10 * minute },
        { max: 20_000, windowMs: day },
      ]),
      capsPerRegistrationIp: parseSendCaps(vars.REGISTRATION_CAPS_PER_IP, [
        { max: 20, windowMs: 10 * minute },
        { max: 100, windowMs: day },
      ]),
    };
    read.set(vars, limits);
  }
  return limits;
}

/** The caps of one SendBudget name, or null for a name that is none of the kinds above. */
export function capsOf(name: string, limits: MessengerLimits): SendCap[] | null {
  const kind = name.slice(0, name.indexOf(':'));
  switch (kind) {
    case 'to':
    case 'notice-to':
      return limits.otp.capsPerDestination;
    case 'account':
      return limits.otp.capsPerAccount;
    case 'notices':
      return limits.capsPerAccountNotices;
    case 'ip':
      return limits.otp.capsPerIp;
    case 'key':
      return limits.capsPerKey;
    case 'register':
      return limits.capsPerRegistrationIp;
    default:
      return null;
  }
}
