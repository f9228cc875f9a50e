/**
 * What one Account holds for out-of-band codes (docs/storage.md): the tables (created here, in one
 * schema), approved payees and payments, sign-in history for risk checks, aggregator consents and
 * sign-ins waiting for a step-up code; the verified contacts and preferences are in
 * contact-rows.ts. Plain functions on the object's SQL storage; every input is checked here as if
 * it came from the internet.
 */
import { normalizeAccountNumber, type Transaction } from '../../../shared/payee.ts';
import { transactionSchema } from '../../../shared/verifications.ts';
import { randomToken } from '../../core/random.ts';
import type { SignInPlace } from '../../core/risk.ts';

export const bankingSchema = `
CREATE TABLE IF NOT EXISTS contacts (
  kind TEXT PRIMARY KEY CHECK (kind IN ('phone', 'email')),
  value TEXT NOT NULL,
  verified_at INTEGER NOT NULL,
  verification_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS preferences (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  step_up TEXT NOT NULL CHECK (step_up IN ('risk', 'always')),
  otp_channel TEXT NOT NULL CHECK (otp_channel IN ('sms', 'call', 'email'))
);
CREATE TABLE IF NOT EXISTS payees (
  payee_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  account TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  verification_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS payments (
  payment_id TEXT PRIMARY KEY,
  payee_name TEXT NOT NULL,
  payee_account TEXT NOT NULL,
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('code', 'passkey')),
  approved_at INTEGER NOT NULL,
  reference TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS sign_ins (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  credential_id TEXT NOT NULL,
  country TEXT,
  city TEXT,
  latitude REAL,
  longitude REAL,
  asn INTEGER
);
CREATE TABLE IF NOT EXISTS aggregator_consents (
  key_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  allowed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_sign_ins (
  token_hash TEXT PRIMARY KEY,
  credential_id TEXT NOT NULL,
  verification_id TEXT,
  -- Where the sign-in came from (JSON), recorded in sign_ins once the code is approved.
  place TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

export interface PayeeView {
  id: string;
  name: string;
  account: string;
  addedAt: number;
}

export interface PaymentView {
  id: string;
  payee: { name: string; account: string };
  amount: { value: string; currency: string };
  method: 'code' | 'passkey';
  approvedAt: number;
}

/** Sign-ins kept for the risk check: enough to know the usual countries and devices. */
export const signInsKept = 50;

/** Checks transaction details from outside; null when they are not a payee (and amount). */
export function checkedTransaction(input: unknown): Transaction | null {
  const parsed = transactionSchema.safeParse(input);
  return parsed.success ? (parsed.data as Transaction) : null;
}

/** Adds an approved payee once per approval; the same payee again keeps one entry. */
export function insertPayee(
  sql: SqlStorage,
  payee: Transaction['payee'],
  verificationId: string,
  at: number,
): PayeeView | null {
  const name = payee.name.trim();
  const account = normalizeAccountNumber(payee.account);
  const existing = sql
    .exec<{ payee_id: string; added_at: number }>(
      'SELECT payee_id, added_at FROM payees WHERE account = ? AND name = ?',
      account,
      name,
    )
    .toArray()[0];
  if (existing) return { id: existing.payee_id, name, account, addedAt: existing.added_at };
  const used = sql.exec('SELECT 1 FROM payees WHERE verification_id = ?', verificationId).toArray().length > 0;
  if (used) return null;
  const id = randomToken(12);
  sql.exec(
    'INSERT INTO payees (payee_id, name, account, added_at, verification_id) VALUES (?, ?, ?, ?, ?)',
    id,
    name,
    account,
    at,
    verificationId,
  );
  return { id, name, account, addedAt: at };
}

export function payees(sql: SqlStorage): PayeeView[] {
  return sql
    .exec<{ payee_id: string; name: string; account: string; added_at: number }>(
      'SELECT * FROM payees ORDER BY added_at DESC',
    )
    .toArray()
    .map((r) => ({ id: r.payee_id, name: r.name, account: r.account, addedAt: r.added_at }));
}

export function deletePayee(sql: SqlStorage, payeeId: string): PayeeView | null {
  const row = payees(sql).find((p) => p.id === payeeId);
  if (!row) return null;
  sql.exec('DELETE FROM payees WHERE payee_id = ?', payeeId);
  return row;
}

/** Whether the payee is on the approved list (a payment goes only to one). */
export function hasPayee(sql: SqlStorage, payee: Transaction['payee']): boolean {
  return (
    sql
      .exec(
        'SELECT 1 FROM payees WHERE account = ? AND name = ?',
        normalizeAccountNumber(payee.account),
        payee.name.trim(),
      )
      .toArray().length > 0
  );
}

/** Records an approved payment once per approval (a code's verification, a passkey's ceremony). */
export function insertPayment(
  sql: SqlStorage,
  transaction: Transaction,
  method: 'code' | 'passkey',
  reference: string,
  at: number,
): PaymentView | null {
  if (!transaction.amount || sql.exec('SELECT 1 FROM payments WHERE reference = ?', reference).toArray().length > 0)
    return null;
  const id = randomToken(12);
  const amount = { value: transaction.amount.value, currency: transaction.amount.currency };
  const payee = { name: transaction.payee.name.trim(), account: normalizeAccountNumber(transaction.payee.account) };
  sql.exec(
    'INSERT INTO payments (payment_id, payee_name, payee_account, amount, currency, method, approved_at, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    id,
    payee.name,
    payee.account,
    amount.value,
    amount.currency,
    method,
    at,
    reference,
  );
  return { id, payee, amount, method, approvedAt: at };
}

export function payments(sql: SqlStorage): PaymentView[] {
  return sql
    .exec<{
      payment_id: string;
      payee_name: string;
      payee_account: string;
      amount: string;
      currency: string;
      method: 'code' | 'passkey';
      approved_at: number;
    }>('SELECT * FROM payments ORDER BY approved_at DESC LIMIT 50')
    .toArray()
    .map((r) => ({
      id: r.payment_id,
      payee: { name: r.payee_name, account: r.payee_account },
      amount: { value: r.amount, currency: r.currency },
      method: r.method,
      approvedAt: r.approved_at,
    }));
}

/** The recent sign-ins, newest first, for the risk check. */
export function recentSignIns(sql: SqlStorage): SignInPlace[] {
  return sql
    .exec<{
      at: number;
      credential_id: string;
      country: string | null;
      city: string | null;
      latitude: number | null;
      longitude: number | null;
      asn: number | null;
    }>('SELECT * FROM sign_ins ORDER BY seq DESC LIMIT ?', signInsKept)
    .toArray()
    .map((r) => ({
      at: r.at,
      credentialId: r.credential_id,
      country: r.country,
      city: r.city,
      latitude: r.latitude,
      longitude: r.longitude,
      asn: r.asn,
    }));
}

export function recordSignInPlace(sql: SqlStorage, place: SignInPlace): void {
  sql.exec(
    'INSERT INTO sign_ins (at, credential_id, country, city, latitude, longitude, asn) VALUES (?, ?, ?, ?, ?, ?, ?)',
    place.at,
    place.credentialId,
    place.country,
    place.city,
    place.latitude,
    place.longitude,
    place.asn,
  );
  sql.exec('DELETE FROM sign_ins WHERE seq <= (SELECT MAX(seq) FROM sign_ins) - ?', signInsKept);
}

export interface ConsentView {
  keyId: string;
  name: string;
  allowedAt: number;
}

export function consents(sql: SqlStorage): ConsentView[] {
  return sql
    .exec<{ key_id: string; name: string; allowed_at: number }>(
      'SELECT * FROM aggregator_consents ORDER BY allowed_at DESC',
    )
    .toArray()
    .map((r) => ({ keyId: r.key_id, name: r.name, allowedAt: r.allowed_at }));
}
