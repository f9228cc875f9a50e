/**
 * The parts of one Account object, built over its one SQLite storage and wired to each other
 * explicitly: each part gets what it uses, nothing is inherited or shared behind the scenes.
 */
import type { Env } from '../../env.ts';
import { SecurityExport } from '../security-export.ts';
import { sendAll } from '../sockets.ts';
import { Announcements } from './announcements.ts';
import { AccountAudit } from './audit.ts';
import { Banking } from './banking.ts';
import { CallCards } from './call-cards.ts';
import { AccountLock } from './lock.ts';
import { Passkeys } from './passkeys.ts';
import { AccountProofs } from './proofs.ts';
import { Push } from './push.ts';
import { RecoveryInbox } from './recovery-inbox.ts';
import { Registration } from './registration.ts';
import { Sessions } from './sessions.ts';
import { Staff } from './staff.ts';
import { StepUp } from './step-up.ts';
import type { AccountStorage } from './storage.ts';
import { TrustedContacts } from './trusted-contacts.ts';
import { VerifiedContacts } from './verified-contacts.ts';

export interface AccountParts {
  sql: SqlStorage;
  audit: AccountAudit;
  /** The SIEM export's queue of this account's audit rows, delivered by the alarm. */
  securityExport: SecurityExport;
  push: Push;
  announcements: Announcements;
  passkeys: Passkeys;
  staff: Staff;
  registration: Registration;
  sessions: Sessions;
  contacts: VerifiedContacts;
  banking: Banking;
  stepUp: StepUp;
  trusted: TrustedContacts;
  inbox: RecoveryInbox;
  calls: CallCards;
  /** The holder's lock: its one check (`refuses`) is asked by every proof (`proofs`) and code start. */
  lock: AccountLock;
  proofs: AccountProofs;
}

/** `env` is read when used: the object's `this.env`, which a test may swap for one call. */
export function accountParts(ctx: DurableObjectState, env: () => Env): AccountParts {
  const sql = ctx.storage.sql;
  const storage: AccountStorage = { sql, transactionSync: (fn) => ctx.storage.transactionSync(fn) };
  const accountId = ctx.id.toString();
  const live = () => ctx.getWebSockets('live');
  const securityExport = new SecurityExport(ctx.storage, env, accountId);
  const audit = new AccountAudit(sql, securityExport);
  const push = new Push(storage, env, audit);
  const announcements = new Announcements(env, sql, {
    accountId,
    pushToDevices: (payload, options) => push.pushToDevices(payload, options),
    tellLiveSockets: (message) => sendAll(live(), message),
  });
  const lock = new AccountLock(storage, env, audit, live);
  // Every part that applies an effect asks its proof here, through the lock (proofs.ts).
  const proofs = new AccountProofs(env, accountId, lock);
  const passkeys = new Passkeys(storage, audit, announcements, proofs);
  const staff = new Staff(storage, env, audit, live);
  const sessions = new Sessions(storage, audit, passkeys, staff);
  const contacts = new VerifiedContacts(storage, env, audit, announcements, proofs);
  return {
    sql,
    audit,
    securityExport,
    push,
    announcements,
    passkeys,
    staff,
    registration: new Registration(storage, accountId, audit, passkeys, staff),
    sessions,
    contacts,
    banking: new Banking(storage, audit, proofs),
    stepUp: new StepUp(storage, { audit, passkeys, sessions, staff, contacts, proofs }),
    trusted: new TrustedContacts(storage, env, audit, proofs),
    inbox: new RecoveryInbox(storage, { audit, passkeys, push, announcements, proofs, lock }),
    calls: new CallCards(storage, audit, live),
    lock,
    proofs,
  };
}
