/**
 * The account's verified phone and e-mail and its sign-in preferences (tables `contacts`,
 * `preferences`, created with the banking tables in banking-rows.ts): plain functions on the
 * object's SQL storage; every input is checked here as if it came from the internet.
 */

export type ContactKind = 'phone' | 'email';
export type StepUpPreference = 'risk' | 'always';

export interface Preferences {
  stepUp: StepUpPreference;
  otpChannel: 'sms' | 'call' | 'email';
}

export interface ContactsView {
  phone: string | null;
  email: string | null;
}

export function contacts(sql: SqlStorage): ContactsView {
  const out: ContactsView = { phone: null, email: null };
  for (const row of sql.exec<{ kind: ContactKind; value: string }>('SELECT kind, value FROM contacts')) {
    out[row.kind] = row.value;
  }
  return out;
}

/** A phone number in E.164 (`+447911123456`). */
export const isE164 = (value: unknown): boolean => typeof value === 'string' && /^\+[1-9]\d{6,14}$/.test(value);

/** Which verified contact a destination would be: a phone (E.164) or an e-mail, or null. */
export function contactKindOf(value: string): ContactKind | null {
  if (isE164(value)) return 'phone';
  return /^[^\s@]+@[^\s@]+$/.test(value) && value.length <= 254 ? 'email' : null;
}

/** Records a contact as verified (it received a code and the code came back). */
export function saveContact(sql: SqlStorage, value: string, verificationId: string, at: number): ContactKind | null {
  if (typeof value !== 'string' || typeof verificationId !== 'string' || verificationId.length > 64) return null;
  const kind = contactKindOf(value);
  if (!kind) return null;
  sql.exec(
    'INSERT INTO contacts (kind, value, verified_at, verification_id) VALUES (?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET value = excluded.value, verified_at = excluded.verified_at, verification_id = excluded.verification_id',
    kind,
    value,
    at,
    verificationId,
  );
  return kind;
}

export function preferences(sql: SqlStorage): Preferences {
  const row = sql
    .exec<{ step_up: StepUpPreference; otp_channel: Preferences['otpChannel'] }>('SELECT * FROM preferences')
    .toArray()[0];
  return { stepUp: row?.step_up ?? 'risk', otpChannel: row?.otp_channel ?? 'sms' };
}

export function validPreferences(next: Preferences): boolean {
  return (next?.stepUp === 'risk' || next?.stepUp === 'always') && ['sms', 'call', 'email'].includes(next?.otpChannel);
}

export function savePreferences(sql: SqlStorage, next: Preferences): boolean {
  if (!validPreferences(next)) return false;
  sql.exec(
    'INSERT INTO preferences (id, step_up, otp_channel) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET step_up = excluded.step_up, otp_channel = excluded.otp_channel',
    next.stepUp,
    next.otpChannel,
  );
  return true;
}
