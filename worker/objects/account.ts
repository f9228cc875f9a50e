/**
 * Account: one Durable Object per person (customer, agent, admin), addressed by its own id, which
 * is also the WebAuthn user handle of its passkeys. This class is the RPC surface only: each method
 * hands its call to the part that holds the rule, one plain class per concern in `account/`, all
 * over this object's one SQLite storage (one transaction can span several parts' tables).
 */
import { DurableObject } from 'cloudflare:workers';
import type { Language } from '../../shared/language.ts';
import type { RequestContext } from '../core/account-rules.ts';
import { type OtpPurpose, otpPurposes } from '../core/otp-rules.ts';
import type { Env } from '../env.ts';
import { accountMigrations } from './account/migrations.ts';
import { type AccountParts, accountParts } from './account/parts.ts';
import { profileView, saveLanguage } from './account/profile.ts';
import { migrate } from './schema-migrations.ts';
import { closeQuietly } from './sockets.ts';

export type { RecoveryEvent, RecoveryProfile } from './account/recovery-inbox.ts';
export type { NewAccount } from './account/registration.ts';
export type { SessionPolicy, SignedIn } from './account/sessions.ts';
export type { RiskySignIn } from './account/step-up.ts';
export type { ContactChangeRefusal } from './account/trusted-contacts.ts';

/** The arguments of the part's method an RPC method hands its call to. */
type Args<P extends keyof AccountParts, M extends keyof AccountParts[P]> = AccountParts[P][M] extends (
  ...args: infer A
) => unknown
  ? A
  : never;

export class Account extends DurableObject<Env> {
  readonly #parts: AccountParts;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // One schema for the whole object; the parts add no tables of their own.
    migrate(ctx.storage, 'Account', accountMigrations);
    this.#parts = accountParts(ctx, () => this.env);
  }

  /**
   * The Account's one alarm: delivers the queued security events (security-export.ts). A later use
   * of the alarm schedules through `alarmNoLaterThan` and is called from here too, so they compose.
   */
  override async alarm(): Promise<void> {
    await this.#parts.securityExport.deliver();
  }

  // --- profile, sessions and sign-in (account/registration.ts, sessions.ts, step-up.ts) ---------
  create(...a: Args<'registration', 'create'>) {
    return this.#parts.registration.create(...a);
  }
  view() {
    return profileView(this.#parts.sql);
  }
  /** The holder's language, for the bank's messages (null when this object holds no account). */
  language() {
    return profileView(this.#parts.sql)?.language ?? null;
  }
  /** The holder's language for the app and the bank's messages (not a change of protection). */
  setLanguage(language: Language, context: RequestContext): boolean {
    const before = profileView(this.#parts.sql)?.language;
    return this.ctx.storage.transactionSync(() => {
      if (!saveLanguage(this.#parts.sql, language)) return false;
      if (before !== language) this.#parts.audit.append('language_changed', { language, ...context });
      return true;
    });
  }
  signIn(...a: Args<'sessions', 'signIn'>) {
    return this.#parts.sessions.signIn(...a);
  }
  openFirstSession(...a: Args<'sessions', 'openFirstSession'>) {
    return this.#parts.sessions.openFirstSession(...a);
  }
  recordFailedSignIn(...a: Args<'sessions', 'recordFailedSignIn'>) {
    return this.#parts.sessions.recordFailedSignIn(...a);
  }
  authenticate(...a: Args<'sessions', 'authenticate'>) {
    return this.#parts.sessions.authenticate(...a);
  }
  signOut(...a: Args<'sessions', 'signOut'>) {
    return this.#parts.sessions.signOut(...a);
  }
  signInWithRisk(...a: Args<'stepUp', 'signInWithRisk'>) {
    return this.#parts.stepUp.signInWithRisk(...a);
  }
  attachStepUp(...a: Args<'stepUp', 'attachStepUp'>) {
    return this.#parts.stepUp.attachStepUp(...a);
  }
  stepUpVerification(...a: Args<'stepUp', 'stepUpVerification'>) {
    return this.#parts.stepUp.stepUpVerification(...a);
  }
  stepUpReasons(...a: Args<'stepUp', 'stepUpReasons'>) {
    return this.#parts.stepUp.stepUpReasons(...a);
  }
  completeStepUp(...a: Args<'stepUp', 'completeStepUp'>) {
    return this.#parts.stepUp.completeStepUp(...a);
  }
  recordRegistrationPlace(...a: Args<'stepUp', 'recordRegistrationPlace'>) {
    return this.#parts.stepUp.recordRegistrationPlace(...a);
  }

  // --- passkeys (account/passkeys.ts) -----------------------------------------------------------
  credential(...a: Args<'passkeys', 'credential'>) {
    return this.#parts.passkeys.credential(...a);
  }
  passkeys() {
    return this.#parts.passkeys.passkeys();
  }
  credentials() {
    return this.#parts.passkeys.credentials();
  }
  addPasskey(...a: Args<'passkeys', 'addPasskey'>) {
    return this.#parts.passkeys.addPasskey(...a);
  }
  removePasskey(...a: Args<'passkeys', 'removePasskey'>) {
    return this.#parts.passkeys.removePasskey(...a);
  }
  recordAssertion(...a: Args<'passkeys', 'recordAssertion'>) {
    return this.#parts.passkeys.recordAssertion(...a);
  }

  // --- audit, announcements and push (account/audit.ts, announcements.ts, push.ts) ---------------
  auditLog(...a: Args<'audit', 'auditLog'>) {
    return this.#parts.audit.auditLog(...a);
  }
  recordVerificationEvent(...a: Args<'audit', 'recordVerificationEvent'>) {
    return this.#parts.audit.recordVerificationEvent(...a);
  }
  announce(...a: Args<'announcements', 'announce'>) {
    return this.#parts.announcements.announce(...a);
  }
  addPushSubscription(...a: Args<'push', 'addPushSubscription'>) {
    return this.#parts.push.addPushSubscription(...a);
  }
  removePushSubscription(...a: Args<'push', 'removePushSubscription'>) {
    return this.#parts.push.removePushSubscription(...a);
  }
  pushToDevices(...a: Args<'push', 'pushToDevices'>) {
    return this.#parts.push.pushToDevices(...a);
  }

  // --- invites and staff (account/staff.ts) ------------------------------------------------------
  recordInviteIssued(...a: Args<'staff', 'recordInviteIssued'>) {
    return this.#parts.staff.recordInviteIssued(...a);
  }
  recordInviteUsed(...a: Args<'staff', 'recordInviteUsed'>) {
    return this.#parts.staff.recordInviteUsed(...a);
  }
  invites() {
    return this.#parts.staff.invites();
  }
  applyStaffAccess(...a: Args<'staff', 'applyStaffAccess'>) {
    return this.#parts.staff.applyStaffAccess(...a);
  }
  recordStaffChange(...a: Args<'staff', 'recordStaffChange'>) {
    return this.#parts.staff.recordStaffChange(...a);
  }
  recordCustomerLookup(...a: Args<'staff', 'recordCustomerLookup'>) {
    return this.#parts.staff.recordCustomerLookup(...a);
  }
  staffDisabled() {
    return this.#parts.staff.disabled();
  }

  // --- verified phone and e-mail, preferences (account/verified-contacts.ts) ---------------------
  contacts() {
    return this.#parts.contacts.contacts();
  }
  contactFor(...a: Args<'contacts', 'contactFor'>) {
    return this.#parts.contacts.contactFor(...a);
  }
  confirmContact(...a: Args<'contacts', 'confirmContact'>) {
    return this.#parts.contacts.confirmContact(...a);
  }
  authorizeContactChange(...a: Args<'contacts', 'authorizeContactChange'>) {
    return this.#parts.contacts.authorizeContactChange(...a);
  }
  contactChangeAllowed(...a: Args<'contacts', 'contactChangeAllowed'>) {
    return this.#parts.contacts.contactChangeAllowed(...a);
  }
  preferences() {
    return this.#parts.contacts.preferences();
  }
  setPreferences(...a: Args<'contacts', 'setPreferences'>) {
    return this.#parts.contacts.setPreferences(...a);
  }

  // --- payees, payments, aggregators (account/banking.ts) ----------------------------------------
  addPayee(...a: Args<'banking', 'addPayee'>) {
    return this.#parts.banking.addPayee(...a);
  }
  payees() {
    return this.#parts.banking.payees();
  }
  removePayee(...a: Args<'banking', 'removePayee'>) {
    return this.#parts.banking.removePayee(...a);
  }
  knowsPayee(...a: Args<'banking', 'knowsPayee'>) {
    return this.#parts.banking.knowsPayee(...a);
  }
  recordPayment(...a: Args<'banking', 'recordPayment'>) {
    return this.#parts.banking.recordPayment(...a);
  }
  recordPaymentStopped(...a: Args<'banking', 'recordPaymentStopped'>) {
    return this.#parts.banking.recordPaymentStopped(...a);
  }
  payments() {
    return this.#parts.banking.payments();
  }
  consents() {
    return this.#parts.banking.consents();
  }
  aggregatorAllowed(...a: Args<'banking', 'aggregatorAllowed'>) {
    return this.#parts.banking.aggregatorAllowed(...a);
  }
  setAggregatorConsent(...a: Args<'banking', 'setAggregatorConsent'>) {
    return this.#parts.banking.setAggregatorConsent(...a);
  }
  aggregatorView(...a: Args<'banking', 'aggregatorView'>) {
    return this.#parts.banking.aggregatorView(...a);
  }

  // --- trusted contacts (account/trusted-contacts.ts) --------------------------------------------
  trustedContacts() {
    return this.#parts.trusted.trustedContacts();
  }
  nextContactChangeAt(...a: Args<'trusted', 'nextContactChangeAt'>) {
    return this.#parts.trusted.nextContactChangeAt(...a);
  }
  setUpContacts(...a: Args<'trusted', 'setUpContacts'>) {
    return this.#parts.trusted.setUpContacts(...a);
  }
  addTrustedContact(...a: Args<'trusted', 'addTrustedContact'>) {
    return this.#parts.trusted.addTrustedContact(...a);
  }
  removeTrustedContact(...a: Args<'trusted', 'removeTrustedContact'>) {
    return this.#parts.trusted.removeTrustedContact(...a);
  }

  // --- recovery (account/recovery-inbox.ts) -------------------------------------------------------
  recoveryProfile() {
    return this.#parts.inbox.recoveryProfile();
  }
  recoveryUpdate(...a: Args<'inbox', 'recoveryUpdate'>) {
    return this.#parts.inbox.recoveryUpdate(...a);
  }
  ownRecoveries() {
    return this.#parts.inbox.ownRecoveries();
  }
  addRecoveryRequest(...a: Args<'inbox', 'addRecoveryRequest'>) {
    return this.#parts.inbox.addRecoveryRequest(...a);
  }
  recoveryRequests() {
    return this.#parts.inbox.recoveryRequests();
  }
  recoveryRequest(...a: Args<'inbox', 'recoveryRequest'>) {
    return this.#parts.inbox.recoveryRequest(...a);
  }
  answerRecoveryRequest(...a: Args<'inbox', 'answerRecoveryRequest'>) {
    return this.#parts.inbox.answerRecoveryRequest(...a);
  }
  finishRecovery(...a: Args<'inbox', 'finishRecovery'>) {
    return this.#parts.inbox.finishRecovery(...a);
  }

  // --- the call card and the app's live socket (account/call-cards.ts) ---------------------------
  callUpdate(...a: Args<'calls', 'callUpdate'>) {
    return this.#parts.calls.callUpdate(...a);
  }
  liveCalls() {
    return this.#parts.calls.liveCalls();
  }

  // --- the holder's lock (account/lock.ts; kept apart: its one check guards the parts above) -------
  lockView() {
    return this.#parts.lock.view();
  }
  lock(...a: Args<'lock', 'lock'>) {
    return this.#parts.lock.lock(...a);
  }
  unlock(...a: Args<'lock', 'unlock'>) {
    return this.#parts.lock.unlock(...a);
  }
  /** For the Verification object, before a code for this account is started or resent. */
  codeAllowed(purpose: OtpPurpose): boolean {
    return !this.#parts.lock.refuses(`code:${otpPurposes.includes(purpose) ? purpose : 'sign_in'}`);
  }

  /** The account's live socket (WebSocket hibernation API); the route has checked the session. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket' || !profileView(this.#parts.sql)) {
      return new Response(null, { status: 400 });
    }
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, ['live']);
    server.send(this.#parts.calls.liveMessage());
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    // Keep-alive from the app; anything else is ignored.
    if (message === 'ping') ws.send('pong');
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    closeQuietly(ws, code);
  }
}
