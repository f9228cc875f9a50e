/**
 * Grants a fresh passkey assertion leaves at the Account for a change that happens later: a new
 * phone or e-mail is approved by its code minutes after the assertion, so the assertion's approval
 * becomes a short-lived, single-use grant here (table `contact_change_grants`, docs/storage.md).
 */
/** How long a fresh assertion allows a change of phone or e-mail: as long as a code may take. */
export const contactGrantMs = 15 * 60_000;

export const grantsSchema = `
CREATE TABLE IF NOT EXISTS contact_change_grants (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  granted_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

export function grantContactChange(sql: SqlStorage, at: number): void {
  sql.exec(
    'INSERT INTO contact_change_grants (id, granted_at, expires_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET granted_at = excluded.granted_at, expires_at = excluded.expires_at',
    at,
    at + contactGrantMs,
  );
}

export function hasContactGrant(sql: SqlStorage, at: number): boolean {
  return sql.exec('SELECT 1 FROM contact_change_grants WHERE expires_at > ?', at).toArray().length > 0;
}

/** Uses the grant up: true when there was one still valid. */
export function useContactGrant(sql: SqlStorage, at: number): boolean {
  return sql.exec('DELETE FROM contact_change_grants WHERE expires_at > ?', at).rowsWritten > 0;
}
