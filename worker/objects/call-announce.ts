/**
 * Who the CallVerification object tells of a step: both parties' open screens (each its own view),
 * both accounts (their logs and cards), and the incident log.
 */
import type { LiveMessage } from '../../shared/calls.ts';
import type { CallAuditType } from '../core/account-rules.ts';
import type { CallIncident } from '../core/call-machine.ts';
import { type CallRecord, type CodeLimits, summaryOf, viewFor } from '../core/call-rules.ts';
import type { EventCause } from '../core/event-cause.ts';
import { errorText, log } from '../core/log.ts';
import type { Env } from '../env.ts';
import type { WaitingWrong } from './call-store.ts';
import { sendAll } from './sockets.ts';
import { accountOf } from './stubs.ts';

/** Each party's open screens get their own view of the call (none is built for a party with no screen open). */
export function showOnScreens(ctx: DurableObjectState, call: CallRecord, limits: CodeLimits): void {
  for (const party of ['agent', 'customer'] as const) {
    const screens = ctx.getWebSockets(party);
    if (screens.length === 0) continue;
    const message: LiveMessage = { type: 'call', call: viewFor(call, party, limits) };
    sendAll(screens, JSON.stringify(message));
  }
}

/** Both accounts log the step (after any wrong tries waiting for it) and update their cards. */
export async function tellAccounts(
  env: Env,
  call: CallRecord,
  waiting: WaitingWrong[],
  event: CallAuditType,
  detail: Record<string, string>,
  cause: EventCause,
): Promise<void> {
  const events = [
    // A wrong try names the request that made it (one kept before that named the step's).
    ...waiting.map((e) => ({
      at: e.at,
      type: 'call_code_wrong' as const,
      detail: { code: e.code },
      cause: e.requestId ? { requestId: e.requestId } : cause,
    })),
    { at: call.updatedAt, type: event, detail: { state: call.state, ...detail }, cause },
  ];
  const summary = summaryOf(call);
  const results = await Promise.allSettled(
    (['agent', 'customer'] as const).map((role) =>
      accountOf(env, role === 'agent' ? call.agentId : call.customerId).callUpdate({ role, call: summary, events }),
    ),
  );
  for (const r of results) {
    if (r.status === 'rejected') log('warn', 'call_update_not_delivered', { error: errorText(r.reason) });
  }
}

export async function recordIncident(env: Env, call: CallRecord, kind: CallIncident, note: string | null) {
  await env.INCIDENTS.get(env.INCIDENTS.idFromName('incidents')).record({
    kind,
    callId: call.callId,
    agent: { displayName: call.agentName, team: call.agentTeam },
    customerHandle: call.customerHandle,
    failedOn: call.failedOn,
    note,
  });
}
