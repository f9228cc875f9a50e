/**
 * CallVerification: one Durable Object per call an agent asks to verify (`newUniqueId()`; its id is
 * the call id). Holds both parties, the hashed codes and their try counters, the state machine, the
 * customer's passkey challenge, and the WebSockets of the two parties (hibernation API). An alarm
 * expires the call and deletes it.
 */

import { DurableObject } from 'cloudflare:workers';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { type CallView, type CodeCheck, isFinal, type LiveMessage } from '../../shared/calls.ts';
import { isStoredText, textLimits } from '../../shared/text.ts';
import type { CallAuditType } from '../core/account-rules.ts';
import {
  allows,
  type CallAction,
  type CallCode,
  type CallRecord,
  type CodeLimits,
  codeLimits,
  failsAfter,
  mayTry,
  type Party,
  partyOf,
  summaryOf,
  viewFor,
} from '../core/call-rules.ts';
import { now } from '../core/clock.ts';
import { type CodeKeys, codeHash, codeKeys, givenCodeHashes, matchesStored, newCode } from '../core/codes.ts';
import { readSettings } from '../core/config.ts';
import { errorText, log } from '../core/log.ts';
import { authenticationOptions, verifyAssertion } from '../core/passkeys.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Env } from '../env.ts';
import { callStatus } from '../webhooks/ceremony-status.ts';
import { deleteAllOnceEnqueued, emitStatus } from '../webhooks/emit.ts';
import { type CallRow, callMigrations, recordOf } from './call-schema.ts';
import type { IncidentInput } from './incident-log.ts';
import { migrate } from './schema-migrations.ts';
import { closeQuietly, sendAll } from './sockets.ts';
import { accountOf } from './stubs.ts';

export interface CallStart {
  agent: { id: string; displayName: string; team: string | null };
  customer: { id: string; displayName: string; handle: string };
}

/** Assertion options as plain JSON (the library's type does not cross an RPC boundary intact). */
export interface AssertionOptions {
  challenge: string;
  rpId?: string;
  timeout?: number;
  userVerification?: 'required' | 'preferred' | 'discouraged';
  allowCredentials?: { id: string; type: 'public-key'; transports?: string[] }[];
}

export type CallFailure = 'not_found' | 'wrong_state' | 'not_configured' | 'invalid';
const accountIdPattern = /^[0-9a-f]{64}$/;

export class CallVerification extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'CallVerification', callMigrations);
  }

  /** Opens the call; the alarm will expire it. */
  async start(input: CallStart): Promise<Result<CallView, 'exists' | 'invalid'>> {
    const { agent, customer } = input ?? {};
    if (
      !accountIdPattern.test(agent?.id) ||
      !accountIdPattern.test(customer?.id) ||
      agent.id === customer.id ||
      typeof agent.displayName !== 'string' ||
      typeof customer.displayName !== 'string' ||
      typeof customer.handle !== 'string'
    ) {
      return fail('invalid');
    }
    if (this.#record()) return fail('exists');
    const at = now();
    const expiresAt = at + readSettings(this.env).callTtlMs;
    this.#sql.exec(
      `INSERT INTO call (id, call_id, state, agent_id, agent_name, agent_team, customer_id, customer_name, customer_handle, started_at, updated_at, expires_at)
       VALUES (1, ?, 'awaiting_customer', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      this.ctx.id.toString(),
      agent.id,
      agent.displayName.slice(0, 64),
      agent.team?.slice(0, 64) ?? null,
      customer.id,
      customer.displayName.slice(0, 64),
      customer.handle.slice(0, 32),
      at,
      at,
      expiresAt,
    );
    await this.ctx.storage.setAlarm(expiresAt);
    const call = this.#record() as CallRecord;
    await this.#announce(call, 'call_started');
    return ok(viewFor(call, 'agent', this.#limits()));
  }

  /** The call as this account sees it; not_found for anyone but its two parties. */
  view(accountId: string): Result<CallView, 'not_found'> {
    const found = this.#partyCall(accountId);
    return found.ok ? ok(viewFor(found.value.call, found.value.party, this.#limits())) : found;
  }

  /**
   * The customer says they are not on a call with the bank: the call ends (declined is final: it can
   * never verify), the agent is told not to act on the account, and an incident is recorded (someone
   * may be calling the bank as this customer). The state is written before the first await.
   */
  async decline(accountId: string): Promise<Result<CallView, CallFailure>> {
    const found = this.#act(accountId, 'customer', 'decline');
    if (!found.ok) return found;
    const view = await this.#transition(found.value, { state: 'declined' }, 'call_declined', 'customer');
    await this.#incident(this.#record() as CallRecord, 'customer_denied_call', null);
    return ok(view);
  }

  /** Passkey options bound to this call: the challenge is held here, for the customer's own passkeys. */
  async confirmOptions(accountId: string): Promise<Result<AssertionOptions, CallFailure>> {
    const found = this.#act(accountId, 'customer', 'confirm');
    if (!found.ok) return found;
    const settings = readSettings(this.env);
    const account = accountOf(this.env, found.value.customerId);
    const credentials = await account.credentials();
    const options = await authenticationOptions(settings, credentials);
    const expiresAt = Math.min(now() + settings.passkeyChallengeTtlMs, found.value.expiresAt);
    this.#sql.exec(
      'INSERT OR REPLACE INTO passkey_challenge (id, challenge, expires_at) VALUES (1, ?, ?)',
      options.challenge,
      expiresAt,
    );
    return ok(options as AssertionOptions);
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
    const challenge = this.#sql
      .exec<{ challenge: string; expires_at: number }>('SELECT challenge, expires_at FROM passkey_challenge')
      .toArray()[0];
    this.#sql.exec('DELETE FROM passkey_challenge');
    if (!challenge || now() >= challenge.expires_at) return fail('ceremony_invalid');

    const account = accountOf(this.env, found.value.customerId);
    const stored = await account.credential(String(response?.id));
    if (!stored) return fail('passkey_rejected');
    const verified = await verifyAssertion(readSettings(this.env), response, challenge.challenge, stored);
    if (!verified.ok) return fail('passkey_rejected');
    const recorded = await account.recordAssertion({
      credentialId: stored.id,
      newCounter: verified.value.newCounter,
      backedUp: verified.value.backedUp,
    });
    if (!recorded.ok) return fail('passkey_rejected');

    const code = newCode();
    const hash = await codeHash((await key).current, found.value.callId, 'customer', code);
    // The call may have moved on while we awaited (cancelled, expired): check again, then write.
    const current = this.#record();
    if (!current || !allows(current, 'confirm')) return fail('wrong_state');
    const call = await this.#transition(
      current,
      { state: 'customer_code_issued', customerCodeHash: hash },
      'call_confirmed',
      'customer',
    );
    return ok({ code, call });
  }

  /** The agent types the code the customer reads. Right: the agent's code is made and returned. */
  async checkCustomerCode(
    accountId: string,
    code: string,
  ): Promise<Result<CodeCheck & { agentCode?: string }, CallFailure>> {
    const key = this.#key();
    if (!key) return fail('not_configured');
    const counted = this.#countTry(accountId, 'agent', 'checkCustomerCode', 'customer_code_tries');
    if (!counted.ok) return counted;
    const given = await givenCodeHashes(await key, counted.value.callId, 'customer', String(code));
    // From here on no await until the state is written: exactly one right check can win.
    const call = this.#record();
    if (!call || !allows(call, 'checkCustomerCode')) return fail('wrong_state');
    if (!matchesStored(given, call.customerCodeHash)) {
      return ok(await this.#wrongCode(call, 'customer_code', 'agent'));
    }
    // Claimed: the customer code is spent and the state has moved on before the agent code's
    // hash is awaited (until it is written, no agent code can match: there is none yet).
    this.#write(call, { state: 'agent_code_issued', customerCodeHash: null });
    const agentCode = newCode();
    const agentHash = await codeHash((await key).current, call.callId, 'agent', agentCode);
    const claimed = this.#record();
    if (claimed?.state !== 'agent_code_issued') return fail('wrong_state');
    const next = await this.#transition(claimed, { agentCodeHash: agentHash }, 'call_code_matched', 'agent', {
      code: 'customer',
    });
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
    const call = this.#record();
    if (!call || !allows(call, 'reissueAgentCode')) return fail('wrong_state');
    this.#write(call, { agentCodeHash: hash });
    return ok({ agentCode, call: viewFor(this.#record() as CallRecord, 'agent', this.#limits()) });
  }

  /** The customer types the code the agent reads. Right: verified on both screens. */
  async checkAgentCode(accountId: string, code: string): Promise<Result<CodeCheck, CallFailure>> {
    const key = this.#key();
    if (!key) return fail('not_configured');
    const counted = this.#countTry(accountId, 'customer', 'checkAgentCode', 'agent_code_tries');
    if (!counted.ok) return counted;
    const given = await givenCodeHashes(await key, counted.value.callId, 'agent', String(code));
    const call = this.#record();
    if (!call || !allows(call, 'checkAgentCode')) return fail('wrong_state');
    if (matchesStored(given, call.agentCodeHash)) {
      const next = await this.#transition(
        call,
        { state: 'verified', agentCodeHash: null },
        'call_verified',
        'customer',
      );
      return ok({ outcome: 'matched', triesLeft: next.agentCodeTriesLeft, call: next });
    }
    return ok(await this.#wrongCode(call, 'agent_code', 'customer'));
  }

  /** The agent ends the verification. */
  async cancel(accountId: string): Promise<Result<CallView, CallFailure>> {
    const found = this.#act(accountId, 'agent', 'cancel');
    if (!found.ok) return found;
    return ok(await this.#transition(found.value, { state: 'canceled' }, 'call_canceled', 'agent'));
  }

  /** The agent was disabled by an admin (issue 9): a call of theirs still going is cancelled. */
  async cancelForRemovedStaff(agentAccountId: string): Promise<Result<CallView, CallFailure>> {
    return this.cancel(agentAccountId);
  }

  /** The customer reports the call (a suspected fraud); an incident with their note. */
  async report(accountId: string, note: string | null): Promise<Result<CallView, CallFailure>> {
    if (note !== null && (!isStoredText(note, textLimits.reportNote) || note === '')) return fail('invalid');
    const found = this.#partyCall(accountId);
    if (!found.ok) return found;
    if (found.value.party !== 'customer') return fail('not_found');
    const call = found.value.call;
    // One report per call: it is one incident, however often the button is pressed.
    if (call.reported) return fail('wrong_state');
    await this.#incident(call, 'call_reported', note);
    return ok(await this.#transition(call, { reported: true }, 'call_reported', 'customer'));
  }

  /** Expiry: a call still going expires and both screens are told; then everything is deleted. */
  override async alarm(): Promise<void> {
    const call = this.#record();
    if (call && !isFinal(call.state)) await this.#transition(call, { state: 'expired' }, 'call_expired', null);
    for (const ws of this.ctx.getWebSockets()) closeQuietly(ws, 1000, 'call ended');
    if (!(await deleteAllOnceEnqueued(this.ctx, this.env))) return;
    // This instance may still be asked about the call: answer not_found, never 500.
    migrate(this.ctx.storage, 'CallVerification', callMigrations);
  }

  /** A party's live socket (hibernation API); the route has checked the session and the Origin. */
  override async fetch(request: Request): Promise<Response> {
    const accountId = request.headers.get('X-Countersign-Account') ?? '';
    const found = this.#partyCall(accountId);
    if (request.headers.get('Upgrade') !== 'websocket' || !found.ok) return new Response(null, { status: 404 });
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [found.value.party]);
    server.send(
      JSON.stringify({
        type: 'call',
        call: viewFor(found.value.call, found.value.party, this.#limits()),
      } satisfies LiveMessage),
    );
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

  #partyCall(accountId: string): Result<{ call: CallRecord; party: Party }, 'not_found'> {
    const call = this.#record();
    const party = call && typeof accountId === 'string' ? partyOf(call, accountId) : null;
    if (!call || !party) return fail('not_found');
    return ok({ call, party });
  }

  /** The call, if `accountId` is the party that may take `action` now. */
  #act(accountId: string, party: Party, action: CallAction): Result<CallRecord, 'not_found' | 'wrong_state'> {
    const found = this.#partyCall(accountId);
    if (!found.ok || found.value.party !== party) return fail('not_found');
    if (!allows(found.value.call, action) || now() >= found.value.call.expiresAt) return fail('wrong_state');
    return ok(found.value.call);
  }

  /**
   * Counts a try before anything is awaited, so that concurrent checks cannot overshoot the limit
   * (PSD2 RTS art. 4: at most five tries per code; the agent's code fewer, call-rules.ts).
   */
  #countTry(
    accountId: string,
    party: Party,
    action: 'checkCustomerCode' | 'checkAgentCode',
    column: 'customer_code_tries' | 'agent_code_tries',
  ): Result<CallRecord, 'not_found' | 'wrong_state'> {
    const found = this.#act(accountId, party, action);
    if (!found.ok) return found;
    const which: CallCode = column === 'customer_code_tries' ? 'customer_code' : 'agent_code';
    if (!mayTry(found.value, which, this.#limits())) return fail('wrong_state');
    const tries = which === 'customer_code' ? found.value.customerCodeTries : found.value.agentCodeTries;
    this.#sql.exec(`UPDATE call SET ${column} = ${column} + 1 WHERE id = 1`);
    const counted = column === 'customer_code_tries' ? { customerCodeTries: tries + 1 } : { agentCodeTries: tries + 1 };
    return ok({ ...found.value, ...counted });
  }

  /**
   * A wrong code: one try gone; the last wrong try (codeLimits) fails the call and records an incident. A wrong
   * try that is not the last is shown on both screens at once and joins both accounts' logs with the
   * call's next step (at the latest when it ends): the check stays one write, as fast as the limit allows.
   */
  async #wrongCode(call: CallRecord, which: CallCode, party: Party): Promise<CodeCheck> {
    const wrong = (which === 'customer_code' ? call.customerCodeWrong : call.agentCodeWrong) + 1;
    const counter = which === 'customer_code' ? { customerCodeWrong: wrong } : { agentCodeWrong: wrong };
    if (failsAfter(wrong, which, this.#limits())) {
      const failed = {
        ...counter,
        state: 'failed' as const,
        failedOn: which,
        customerCodeHash: null,
        agentCodeHash: null,
      };
      const next = await this.#transition(call, failed, 'call_failed', party, { code: which });
      await this.#incident(this.#record() as CallRecord, 'call_failed', null);
      return { outcome: 'mismatch', triesLeft: 0, call: next };
    }
    // One statement: the wrong count, and the try remembered for the accounts' logs.
    const column = which === 'customer_code' ? 'customer_code_wrong' : 'agent_code_wrong';
    const next = { ...call, ...counter, updatedAt: now() };
    this.#sql.exec(
      `UPDATE call SET ${column} = ?, updated_at = ?, pending_wrong = json_insert(pending_wrong, '$[#]', json(?)) WHERE id = 1`,
      wrong,
      next.updatedAt,
      JSON.stringify({ at: next.updatedAt, code: which }),
    );
    this.#showOnScreens(next);
    const view = viewFor(next, party, this.#limits());
    return {
      outcome: 'mismatch',
      triesLeft: which === 'customer_code' ? view.customerCodeTriesLeft : view.agentCodeTriesLeft,
      call: view,
    };
  }

  /** Writes a change, tells both screens and both accounts, and returns the call as `party` sees it. */
  async #transition(
    call: CallRecord,
    change: Partial<CallRecord>,
    event: CallAuditType,
    party: Party | null,
    detail: Record<string, string> = {},
  ): Promise<CallView> {
    this.#write(call, change);
    const next = this.#record() as CallRecord;
    if (next.state !== call.state && isFinal(next.state)) {
      // Finished calls linger only until the alarm deletes them (the accounts keep the summary).
      this.#sql.exec('DELETE FROM passkey_challenge');
    }
    await this.#announce(next, event, detail);
    return viewFor(next, party ?? 'agent', this.#limits());
  }

  /** Writes the changed fields of the call; returns the call as now stored. */
  #write(call: CallRecord, change: Partial<CallRecord>): CallRecord {
    const n = { ...call, ...change, updatedAt: now() };
    this.#sql.exec(
      `UPDATE call SET state = ?, updated_at = ?, customer_code_hash = ?, customer_code_wrong = ?,
         agent_code_hash = ?, agent_code_wrong = ?, failed_on = ?, reported = ? WHERE id = 1`,
      n.state,
      n.updatedAt,
      n.customerCodeHash,
      n.customerCodeWrong,
      n.agentCodeHash,
      n.agentCodeWrong,
      n.failedOn,
      n.reported ? 1 : 0,
    );
    return n;
  }

  /** Each party's open screens get their own view of the call. */
  #showOnScreens(call: CallRecord): void {
    for (const party of ['agent', 'customer'] as const) {
      const message: LiveMessage = { type: 'call', call: viewFor(call, party, this.#limits()) };
      sendAll(this.ctx.getWebSockets(party), JSON.stringify(message));
    }
  }

  /** Both screens get their own view; both accounts log the step (and any waiting ones) and update their cards. */
  async #announce(call: CallRecord, event: CallAuditType, detail: Record<string, string> = {}): Promise<void> {
    this.#showOnScreens(call);
    // Webhooks (issue 12): its alarm is its expiry, so a waiting event waits for it, not an earlier one.
    await emitStatus(this.ctx, this.env, callStatus(call), { retryAlarm: false });
    const row = this.#sql.exec<{ pending_wrong: string }>('SELECT pending_wrong FROM call').toArray()[0];
    const waiting = (JSON.parse(row?.pending_wrong ?? '[]') as { at: number; code: string }[]).map((e) => ({
      at: e.at,
      type: 'call_code_wrong' as const,
      detail: { code: e.code },
    }));
    this.#sql.exec("UPDATE call SET pending_wrong = '[]'");
    const events = [...waiting, { at: call.updatedAt, type: event, detail: { state: call.state, ...detail } }];
    const summary = summaryOf(call);
    const results = await Promise.allSettled(
      (['agent', 'customer'] as const).map((role) =>
        accountOf(this.env, role === 'agent' ? call.agentId : call.customerId).callUpdate({
          role,
          call: summary,
          events,
        }),
      ),
    );
    for (const r of results)
      if (r.status === 'rejected') log('warn', 'call_update_not_delivered', { error: errorText(r.reason) });
  }

  async #incident(call: CallRecord, kind: IncidentInput['kind'], note: string | null): Promise<void> {
    const log = this.env.INCIDENTS.get(this.env.INCIDENTS.idFromName('incidents'));
    await log.record({
      kind,
      callId: call.callId,
      agent: { displayName: call.agentName, team: call.agentTeam },
      customerHandle: call.customerHandle,
      failedOn: call.failedOn,
      note,
    });
  }

  #record(): CallRecord | null {
    const row = this.#sql.exec<CallRow>('SELECT * FROM call WHERE id = 1').toArray()[0];
    return row ? recordOf(row) : null;
  }
}
