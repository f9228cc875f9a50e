/**
 * Account: one Durable Object per person (customer, agent, admin), addressed by its own id, which
 * is also the WebAuthn user handle of its passkeys. This class is the RPC surface only: each method
 * hands its call to the part that holds the rule, one plain class per concern in `account/`, all
 * over this object's one SQLite storage (one transaction can span several parts' tables).
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';
import type { Announcements } from './account/announcements.ts';
import type { AccountAudit } from './account/audit.ts';
import type { Banking } from './account/banking.ts';
import type { CallCards } from './account/call-cards.ts';
import { accountMigrations } from './account/migrations.ts';
import { type AccountParts, accountParts } from './account/parts.ts';
import type { Passkeys } from './account/passkeys.ts';
import { profileView } from './account/profile.ts';
import type { Push } from './account/push.ts';
import type { RecoveryInbox } from './account/recovery-inbox.ts';
import type { Registration } from './account/registration.ts';
import type { Sessions } from './account/sessions.ts';
import type { Staff } from './account/staff.ts';
import type { StepUp } from './account/step-up.ts';
import type { TrustedContacts } from './account/trusted-contacts.ts';
import type { VerifiedContacts } from './account/verified-contacts.ts';
import { migrate } from './schema-migrations.ts';
import { closeQuietly } from './sockets.ts';

export type { RecoveryEvent, RecoveryProfile } from './account/recovery-inbox.ts';
export type { NewAccount } from './account/registration.ts';
export type { SessionPolicy, SignedIn } from './account/sessions.ts';
export type { RiskySignIn } from './account/step-up.ts';
export type { ContactChangeRefusal } from './account/trusted-contacts.ts';

export class Account extends DurableObject<Env> {
  readonly #parts: AccountParts;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // One schema for the whole object; the parts add no tables of their own.
    migrate(ctx.storage, 'Account', accountMigrations);
    this.#parts = accountParts(ctx, () => this.env);
  }

  // --- profile, sessions and sign-in (account/registration.ts, sessions.ts, step-up.ts) ---------
  create(...a: Parameters<Registration['create']>) {
    return this.#parts.registration.create(...a);
  }
  view() {
    return profileView(this.#parts.sql);
  }
  signIn(...a: Parameters<Sessions['signIn']>) {
    return this.#parts.sessions.signIn(...a);
  }
  openFirstSession(...a: Parameters<Sessions['openFirstSession']>) {
    return this.#parts.sessions.openFirstSession(...a);
  }
  recordFailedSignIn(...a: Parameters<Sessions['recordFailedSignIn']>) {
    return this.#parts.sessions.recordFailedSignIn(...a);
  }
  authenticate(...a: Parameters<Sessions['authenticate']>) {
    return this.#parts.sessions.authenticate(...a);
  }
  signOut(...a: Parameters<Sessions['signOut']>) {
    return this.#parts.sessions.signOut(...a);
  }
  signInWithRisk(...a: Parameters<StepUp['signInWithRisk']>) {
    return this.#parts.stepUp.signInWithRisk(...a);
  }
  attachStepUp(...a: Parameters<StepUp['attachStepUp']>) {
    return this.#parts.stepUp.attachStepUp(...a);
  }
  stepUpVerification(...a: Parameters<StepUp['stepUpVerification']>) {
    return this.#parts.stepUp.stepUpVerification(...a);
  }
  stepUpReasons(...a: Parameters<StepUp['stepUpReasons']>) {
    return this.#parts.stepUp.stepUpReasons(...a);
  }
  completeStepUp(...a: Parameters<StepUp['completeStepUp']>) {
    return this.#parts.stepUp.completeStepUp(...a);
  }
  recordRegistrationPlace(...a: Parameters<StepUp['recordRegistrationPlace']>) {
    return this.#parts.stepUp.recordRegistrationPlace(...a);
  }

  // --- passkeys (account/passkeys.ts) -----------------------------------------------------------
  credential(...a: Parameters<Passkeys['credential']>) {
    return this.#parts.passkeys.credential(...a);
  }
  passkeys() {
    return this.#parts.passkeys.passkeys();
  }
  credentials() {
    return this.#parts.passkeys.credentials();
  }
  addPasskey(...a: Parameters<Passkeys['addPasskey']>) {
    return this.#parts.passkeys.addPasskey(...a);
  }
  removePasskey(...a: Parameters<Passkeys['removePasskey']>) {
    return this.#parts.passkeys.removePasskey(...a);
  }
  recordAssertion(...a: Parameters<Passkeys['recordAssertion']>) {
    return this.#parts.passkeys.recordAssertion(...a);
  }

  // --- audit, announcements and push (account/audit.ts, announcements.ts, push.ts) ---------------
  auditLog(...a: Parameters<AccountAudit['auditLog']>) {
    return this.#parts.audit.auditLog(...a);
  }
  recordVerificationEvent(...a: Parameters<AccountAudit['recordVerificationEvent']>) {
    return this.#parts.audit.recordVerificationEvent(...a);
  }
  announce(...a: Parameters<Announcements['announce']>) {
    return this.#parts.announcements.announce(...a);
  }
  addPushSubscription(...a: Parameters<Push['addPushSubscription']>) {
    return this.#parts.push.addPushSubscription(...a);
  }
  removePushSubscription(...a: Parameters<Push['removePushSubscription']>) {
    return this.#parts.push.removePushSubscription(...a);
  }
  pushToDevices(...a: Parameters<Push['pushToDevices']>) {
    return this.#parts.push.pushToDevices(...a);
  }

  // --- invites and staff (account/staff.ts) ------------------------------------------------------
  recordInviteIssued(...a: Parameters<Staff['recordInviteIssued']>) {
    return this.#parts.staff.recordInviteIssued(...a);
  }
  recordInviteUsed(...a: Parameters<Staff['recordInviteUsed']>) {
    return this.#parts.staff.recordInviteUsed(...a);
  }
  invites() {
    return this.#parts.staff.invites();
  }
  applyStaffAccess(...a: Parameters<Staff['applyStaffAccess']>) {
    return this.#parts.staff.applyStaffAccess(...a);
  }
  recordStaffChange(...a: Parameters<Staff['recordStaffChange']>) {
    return this.#parts.staff.recordStaffChange(...a);
  }
  staffDisabled() {
    return this.#parts.staff.disabled();
  }

  // --- verified phone and e-mail, preferences (account/verified-contacts.ts) ---------------------
  contacts() {
    return this.#parts.contacts.contacts();
  }
  contactFor(...a: Parameters<VerifiedContacts['contactFor']>) {
    return this.#parts.contacts.contactFor(...a);
  }
  confirmContact(...a: Parameters<VerifiedContacts['confirmContact']>) {
    return this.#parts.contacts.confirmContact(...a);
  }
  authorizeContactChange(...a: Parameters<VerifiedContacts['authorizeContactChange']>) {
    return this.#parts.contacts.authorizeContactChange(...a);
  }
  contactChangeAllowed(...a: Parameters<VerifiedContacts['contactChangeAllowed']>) {
    return this.#parts.contacts.contactChangeAllowed(...a);
  }
  preferences() {
    return this.#parts.contacts.preferences();
  }
  setPreferences(...a: Parameters<VerifiedContacts['setPreferences']>) {
    return this.#parts.contacts.setPreferences(...a);
  }

  // --- payees, payments, aggregators (account/banking.ts) ----------------------------------------
  addPayee(...a: Parameters<Banking['addPayee']>) {
    return this.#parts.banking.addPayee(...a);
  }
  payees() {
    return this.#parts.banking.payees();
  }
  removePayee(...a: Parameters<Banking['removePayee']>) {
    return this.#parts.banking.removePayee(...a);
  }
  knowsPayee(...a: Parameters<Banking['knowsPayee']>) {
    return this.#parts.banking.knowsPayee(...a);
  }
  recordPayment(...a: Parameters<Banking['recordPayment']>) {
    return this.#parts.banking.recordPayment(...a);
  }
  recordPaymentStopped(...a: Parameters<Banking['recordPaymentStopped']>) {
    return this.#parts.banking.recordPaymentStopped(...a);
  }
  payments() {
    return this.#parts.banking.payments();
  }
  consents() {
    return this.#parts.banking.consents();
  }
  aggregatorAllowed(...a: Parameters<Banking['aggregatorAllowed']>) {
    return this.#parts.banking.aggregatorAllowed(...a);
  }
  setAggregatorConsent(...a: Parameters<Banking['setAggregatorConsent']>) {
    return this.#parts.banking.setAggregatorConsent(...a);
  }
  aggregatorView(...a: Parameters<Banking['aggregatorView']>) {
    return this.#parts.banking.aggregatorView(...a);
  }

  // --- trusted contacts (account/trusted-contacts.ts) --------------------------------------------
  trustedContacts() {
    return this.#parts.trusted.trustedContacts();
  }
  nextContactChangeAt(...a: Parameters<TrustedContacts['nextContactChangeAt']>) {
    return this.#parts.trusted.nextContactChangeAt(...a);
  }
  setUpContacts(...a: Parameters<TrustedContacts['setUpContacts']>) {
    return this.#parts.trusted.setUpContacts(...a);
  }
  addTrustedContact(...a: Parameters<TrustedContacts['addTrustedContact']>) {
    return this.#parts.trusted.addTrustedContact(...a);
  }
  removeTrustedContact(...a: Parameters<TrustedContacts['removeTrustedContact']>) {
    return this.#parts.trusted.removeTrustedContact(...a);
  }

  // --- recovery (account/recovery-inbox.ts) -------------------------------------------------------
  recoveryProfile() {
    return this.#parts.inbox.recoveryProfile();
  }
  recoveryUpdate(...a: Parameters<RecoveryInbox['recoveryUpdate']>) {
    return this.#parts.inbox.recoveryUpdate(...a);
  }
  ownRecoveries() {
    return this.#parts.inbox.ownRecoveries();
  }
  addRecoveryRequest(...a: Parameters<RecoveryInbox['addRecoveryRequest']>) {
    return this.#parts.inbox.addRecoveryRequest(...a);
  }
  recoveryRequests() {
    return this.#parts.inbox.recoveryRequests();
  }
  recoveryRequest(...a: Parameters<RecoveryInbox['recoveryRequest']>) {
    return this.#parts.inbox.recoveryRequest(...a);
  }
  answerRecoveryRequest(...a: Parameters<RecoveryInbox['answerRecoveryRequest']>) {
    return this.#parts.inbox.answerRecoveryRequest(...a);
  }
  finishRecovery(...a: Parameters<RecoveryInbox['finishRecovery']>) {
    return this.#parts.inbox.finishRecovery(...a);
  }

  // --- the call card and the app's live socket (account/call-cards.ts) ---------------------------
  callUpdate(...a: Parameters<CallCards['callUpdate']>) {
    return this.#parts.calls.callUpdate(...a);
  }
  liveCalls() {
    return this.#parts.calls.liveCalls();
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
