/**
 * Invariant (two-way call verification, step 5; "every state change ... is an audit event"): only
 * the customer on the call can report it as a suspected fraud. An agent reporting would let the
 * caller bury or fake incidents. Issue 9, "tests that are missing".
 */
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../shared/calls.ts';
import { anotherAgent, confirm, startCall, viewCall } from '../call-helpers.ts';
import { auditOf, call, errorCode, nameFrom, register } from '../client.ts';
import { callPeople } from './call-setup.ts';

const people = callPeople();
const customer = () => register(`customer.${++people.n}`, { displayName: `Chris Customer ${nameFrom(people.n)}` });
const report = (session: string, id: string) =>
  call<{ call: CallView }>(`/api/calls/${id}/report`, { body: { note: 'Asked for my PIN' }, cookie: session });
const incidentsOf = async (id: string) =>
  (
    await call<{ incidents: { callId: string; kind: string }[] }>('/api/incidents', { cookie: people.admin.session })
  ).body.incidents.filter((i) => i.callId === id && i.kind === 'call_reported');

describe('call reports', () => {
  it('only the customer can report a call: not its agent, another agent, an admin or another customer', async () => {
    const chris = await customer();
    const id = await startCall(people.agent, `customer.${people.n}`);
    await confirm(chris, id);
    const outsider = await customer();
    const otherAgent = await anotherAgent(people.admin, 'report.other.agent');
    for (const session of [people.agent.session, otherAgent.session, people.admin.session, outsider.session]) {
      const refused = await report(session, id);
      expect(refused.status).toBe(404);
      expect(errorCode(refused)).toBe('call_not_found');
    }
    expect(await incidentsOf(id)).toEqual([]);
    expect((await viewCall(people.agent, id)).body.call.reported).toBe(false);

    const reported = await report(chris.session, id);
    expect(reported.status).toBe(200);
    expect(reported.body.call.reported).toBe(true);
    expect(await incidentsOf(id)).toHaveLength(1);
    expect((await auditOf(chris.session)).map((e) => e.type)).toContain('call_reported');
    // One report per call, however often the button is pressed.
    expect(errorCode(await report(chris.session, id))).toBe('call_state');
    expect(await incidentsOf(id)).toHaveLength(1);
  });
});
