/**
 * Who the account is (table `profile`, docs/storage.md): the reads every part of the account uses.
 * Created once, with the first passkey, by registration.ts.
 */
import type { Role } from '../../../shared/api.ts';
import { isLanguage, type Language } from '../../../shared/language.ts';
import type { AccountView } from '../../core/account-rules.ts';
import { contacts } from './contact-rows.ts';

type ProfileRow = {
  account_id: string;
  handle: string;
  display_name: string;
  role: string;
  team: string | null;
  phone: string | null;
  created_at: number;
  /** Added by schema version 2 (migrations.ts); null until the holder chooses: English. */
  language: string | null;
};

/** Whether this object holds an account. */
export function hasProfile(sql: SqlStorage): boolean {
  return sql.exec('SELECT 1 FROM profile WHERE id = 1').toArray().length > 0;
}

/** The account, or null if this object holds none. */
export function profileView(sql: SqlStorage): AccountView | null {
  const row = sql.exec<ProfileRow>('SELECT * FROM profile WHERE id = 1').toArray()[0];
  if (!row) return null;
  return {
    id: row.account_id,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role as Role,
    team: row.team,
    phone: row.phone,
    createdAt: row.created_at,
    language: isLanguage(row.language) ? row.language : 'en',
  };
}

/** Saves the holder's language; false when there is no account or it is not one of the languages. */
export function saveLanguage(sql: SqlStorage, language: Language): boolean {
  if (!isLanguage(language) || !hasProfile(sql)) return false;
  sql.exec('UPDATE profile SET language = ? WHERE id = 1', language);
  return true;
}

/** The verified phone (contact-rows.ts), where announcements go by SMS. */
export function verifiedPhone(sql: SqlStorage): string | null {
  return contacts(sql).phone;
}
