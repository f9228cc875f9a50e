/**
 * CallVerification: one Durable Object per call an agent asks to verify (`newUniqueId()`; its id is
 * the call id). Holds both parties, the hashed codes and their try counters, the state machine, the
 * customer's passkey challenge, and the WebSockets of the two parties (hibernation API). An alarm
 * expires the call and deletes it.
 */

import { DurableObject } from 'cloudflare:workers';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { CallView, CodeCheck, LiveMessage } from '../../shared/calls.ts';
import type { LockView } from '../../shared/lock.ts';
import { isStoredText, textLimits } from '../../shared/text.ts';
import {
  act,
  agentCodeIssued,
  canceled,
  confirmed,
  countTry,
  customerCodeClaimed,
  declined,
  expiry,
  partyCall,
  reported,
  triesColumn,
  validCallStart,
  verified,
} from '../core/call-machine.ts';
import {
  allows,
  type CallCode,
  type CallRecord,
  type CodeLimits,
  codeLimits,
  type Party,
  unlockable,
  viewFor,
} from '../core/call-rules.ts';
import { now } from '../core/clock.ts';
import { type CodeKeys, codeHash, codeKeys, givenCodeHashes, matchesStored, newCode } from '../core/codes.ts';
import { readSettings } from '../core/config.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { deleteAllOnceEnqueued } from '../webhooks/emit.ts';
import {
  type AssertionOptions,
  assertionOptions,
  type CallFailure,
  type CallStart,
  checkAssertion,
} from './call-passkey.ts';
import { callMigrations } from './call-schema.ts';
import { CallSteps } from './call-steps.ts';
import { CallStore } from './call-store.ts';
import { migrate } from './schema-migrations.ts';
import { closeQuietly } from './sockets.ts';
import { accountOf } from './stubs.ts';

export type { AssertionOptions, CallFailure, CallStart } from './call-passkey.ts';

export class CallVerification extends DurableObject<Env> {
  #store: CallStore;
  #steps: CallSteps;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new CallStore(ctx.storage.sql);
    this.#steps = new CallSteps(ctx, () => this.env, this.#store);
    migrate(ctx.storage, 'CallVerification', callMigrations);
  }

  /** Opens the call; the alarm will expire it. */
  async start(input: CallStart): Promise<Result<CallView, 'exists' | 'invalid'>> {
    if (!validCallStart(input)) return fail('invalid');
    if (this.#store.record()) return fail('exists');
    const at = now();
    const expiresAt = at + readSettings(this.env).callTtlMs;
    this.#store.insert(this.ctx.id.toString(), input, at, expiresAt);
    await this.ctx.storage.setAlarm(expiresAt);
    const call = this.#store.record() as CallRecord;
    await this.#steps.announce(call, { event: 'call_started' });
    return ok(viewFor(call, 'agent', this.#limits()));
  }

  /** The call as this account sees it; not_found for anyone but its two parties. */
  view(accountId: string): Result<CallView, 'not_found'> {
    const found = partyCall(this.#store.record(), accountId);
    return found.ok ? ok(viewFor(found.value.call, found.value.party, this.#limits())) : found;
  }

  /**
   * The customer says they are not on a call with the bank: the call ends (declined is final: it can
   * never verify), the agent is told not to act on the account, and an incident is recorded (someone
   * may be calling the bank as this customer). The state is written before the first await.
   */
  async decline(accountId: string): Promise<Result<CallView, CallFailure>> {
    const found = this.#act(accountId, 'customer', 'decline');
    return found.ok ? ok(await this.#steps.step(found.value, declined)) : found;
  }

  /** Passkey options bound to this call: the challenge is held here, for the customer's own passkeys. */
  async confirmOptions(accountId: string): Promise<Result<AssertionOptions, CallFailure>> {
    const found = this.#act(accountId, 'customer', 'confirm');
    if (!found.ok) return found;
    const options = await assertionOptions(this.env, found.value);
    this.#store.saveChallenge(options.challenge, options.expiresAt);
    return ok(options.options);
  }

  /**
   * The customer confirms with a fresh passkey assertion over this call's challenge; only then does
   * the customer's code exist. Returns the code once; only its hash is kept.
   */
  async confirm(
    accountId: string,
    response: AuthenticationResponseJSON,
  ): Promise<Result<{ code: string; call: CallView }, CallFailure | 'ceremony_invalid' | 'passkey_rejected'>> {
    const found = this.#act(accountId, 'customer', 'confirm');
    if (!found.ok) return found;
    const key = this.#key();
    if (!key) return fail('not_configured');
    // Single use: the challenge is gone before the first await.
    const challenge = this.#store.takeChallenge();
    if (!challenge || now() >= challenge.expires_at) return fail('ceremony_invalid');

    const asserted = await checkAssertion(this.env, found.value, response, challenge.challenge);
    if (!asserted) return fail('passkey_rejected');

    const code = newCode();
    const hash = await codeHash((await key).current, found.value.callId, 'customer', code);
    // The call may have moved on while we awaited (cancelled, expired): check again, then write.
    const current = this.#store.record();
    if (!current || !allows(current, 'confirm')) return fail('wrong_state');
    return ok({ code, call: await this.#steps.step(current, confirmed(hash)) });
  }

  /** The agent types the code the customer reads. Right: the agent's code is made and returned. */
  async checkCustomerCode(
    accountId: string,
    code: string,
  ): Promise<Result<CodeCheck & { agentCode?: string }, CallFailure>> {
    const key = this.#key();
    if (!key) return fail('not_configured');
    const counted = this.#countTry(accountId, 'customer_code');
    if (!counted.ok) return counted;
    const given = await givenCodeHashes(await key, counted.value.callId, 'customer', String(code));
    // From here on no await until the state is written: exactly one right check can win.
    const call = this.#store.record();
    if (!call || !allows(call, 'checkCustomerCode')) return fail('wrong_state');
    if (!matchesStored(given, call.customerCodeHash))
      return ok(await this.#steps.wrongCode(call, 'customer_code', 'agent'));
    this.#store.write(call, customerCodeClaimed, now());
    const agentCode = newCode();
    const agentHash = await codeHash((await key).current, call.callId, 'agent', agentCode);
    const claimed = this.#store.record();
    if (claimed?.state !== 'agent_code_issued') return fail('wrong_state');
    const next = await this.#steps.step(claimed, agentCodeIssued(agentHash));
    return ok({ outcome: 'matched', triesLeft: next.customerCodeTriesLeft, call: next, agentCode });
  }

  /** A new agent code, if the agent's screen lost the first one (same tries left). */
  async reissueAgentCode(accountId: string): Promise<Result<{ agentCode: string; call: CallView }, CallFailure>> {
    const key = this.#key();
    if (!key) return fail('not_configured');
    const found = this.#act(accountId, 'agent', 'reissueAgentCode');
    if (!found.ok) return found;
    const agentCode = newCode();
    const hash = await codeHash((await key).current, found.value.callId, 'agent', agentCode);
    const call = this.#store.record();
    if (!call || !allows(call, 'reissueAgentCode')) return fail('wrong_state');
    this.#store.write(call, { agentCodeHash: hash }, now());
    return ok({ agentCode, call: viewFor(this.#store.record() as CallRecord, 'agent', this.#limits()) });
  }

  /** The customer types the code the agent reads. Right: verified on both screens. */
  async checkAgentCode(accountId: string, code: string): Promise<Result<CodeCheck, CallFailure>> {
    const key = this.#key();
    if (!key) return fail('not_configured');
    const counted = this.#countTry(accountId, 'agent_code');
    if (!counted.ok) return counted;
    const given = await givenCodeHashes(await key, counted.value.callId, 'agent', String(code));
    const call = this.#store.record();
    if (!call || !allows(call, 'checkAgentCode')) return fail('wrong_state');
    if (!matchesStored(given, call.agentCodeHash))
      return ok(await this.#steps.wrongCode(call, 'agent_code', 'customer'));
    const next = await this.#steps.step(call, verified);
    return ok({ outcome: 'matched', triesLeft: next.agentCodeTriesLeft, call: next });
  }

  /** The agent ends the verification. */
  async cancel(accountId: string): Promise<Result<CallView, CallFailure>> {
    const found = this.#act(accountId, 'agent', 'cancel');
    return found.ok ? ok(await this.#steps.step(found.value, canceled)) : found;
  }

  /** The agent was disabled by an admin: a call of theirs still going is cancelled. */
  async cancelForRemovedStaff(agentAccountId: string): Promise<Result<CallView, CallFailure>> {
    return this.cancel(agentAccountId);
  }

  /** The customer reports the call (a suspected fraud); an incident with their note. */
  async report(accountId: string, note: string | null): Promise<Result<CallView, CallFailure>> {
    if (note !== null && (!isStoredText(note, textLimits.reportNote) || note === '')) return fail('invalid');
    const found = partyCall(this.#store.record(), accountId);
    if (!found.ok) return found;
    if (found.value.party !== 'customer') return fail('not_found');
    // One report per call: it is one incident, however often the button is pressed.
    if (found.value.call.reported) return fail('wrong_state');
    return ok(await this.#steps.step(found.value.call, reported, note));
  }

  // --- the customer's lock (account/lock.ts): seen and ended only by the agent of a verified call --

  /** The customer's lock, for this call's agent, and whether this call may end it now. */
  async customerLock(agentId: string): Promise<Result<{ lock: LockView | null; canUnlock: boolean }, 'not_found'>> {
    const found = partyCall(this.#store.record(), agentId);
    if (!found.ok || found.value.party !== 'agent') return fail('not_found');
    const lock = await accountOf(this.env, found.value.call.customerId).lockView();
    return ok({ lock, canUnlock: lock !== null && unlockable(found.value.call, now()) });
  }

  /** This call's agent unlocks the customer's account: only once the call is verified. */
  async unlockCustomer(agentId: string): Promise<Result<{ unlocked: boolean }, 'not_found' | 'not_verified'>> {
    const found = partyCall(this.#store.record(), agentId);
    if (!found.ok || found.value.party !== 'agent') return fail('not_found');
    if (!unlockable(found.value.call, now())) return fail('not_verified');
    return accountOf(this.env, found.value.call.customerId).unlock(found.value.call.callId);
  }

  /** The Account asks before it unlocks (never the caller): did this call verify this customer, by whom? */
  unlockApproval(customerId: string): { agentId: string; agentName: string } | null {
    const call = this.#store.record();
    if (!call || call.customerId !== customerId || !unlockable(call, now())) return null;
    return { agentId: call.agentId, agentName: call.agentName };
  }

  /** Expiry: a call still going expires and both screens are told; then everything is deleted. */
  override async alarm(): Promise<void> {
    const call = this.#store.record();
    const expired = expiry(call);
    if (call && expired) await this.#steps.step(call, expired);
    for (const ws of this.ctx.getWebSockets()) closeQuietly(ws, 1000, 'call ended');
    if (!(await deleteAllOnceEnqueued(this.ctx, this.env))) return;
    // This instance may still be asked about the call: answer not_found, never 500.
    migrate(this.ctx.storage, 'CallVerification', callMigrations);
  }

  /** A party's live socket (hibernation API); the route has checked the session and the Origin. */
  override async fetch(request: Request): Promise<Response> {
    const accountId = request.headers.get('X-Countersign-Account') ?? '';
    const found = partyCall(this.#store.record(), accountId);
    if (request.headers.get('Upgrade') !== 'websocket' || !found.ok) return new Response(null, { status: 404 });
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [found.value.party]);
    const call = viewFor(found.value.call, found.value.party, this.#limits());
    server.send(JSON.stringify({ type: 'call', call } satisfies LiveMessage));
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    if (message === 'ping') ws.send('pong');
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    closeQuietly(ws, code);
  }

  /** Tries each code allows (the agent's code: CALL_AGENT_CODE_TRIES). */
  #limits(): CodeLimits {
    return codeLimits(readSettings(this.env));
  }

  /** The HMAC key for codes; null when the secret is missing or short. */
  #key(): Promise<CodeKeys> | null {
    return codeKeys(this.env);
  }

  #act(accountId: string, party: Party, action: Parameters<typeof act>[3]) {
    return act(this.#store.record(), accountId, party, action, now());
  }

  /** Counts a try (call-machine.ts) and writes it before anything is awaited. */
  #countTry(accountId: string, which: CallCode): Result<CallRecord, 'not_found' | 'wrong_state'> {
    const counted = countTry(this.#store.record(), accountId, which, this.#limits(), now());
    if (counted.ok) this.#store.countTry(triesColumn(which));
    return counted;
  }
}
