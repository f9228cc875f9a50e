/** Admin: issue single-use invite codes for agents and admins, and see which were used. */
import { useEffect, useState } from 'preact/hooks';
import type { InviteView } from '../../shared/account.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Field } from '../ui/Field.tsx';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { staffAssertion } from './staff-passkey.ts';

function inviteState(invite: InviteView): string {
  if (invite.usedAt) return `Used by ${invite.usedBy ?? 'someone'} on ${when(invite.usedAt)}`;
  if (invite.expiresAt <= Date.now()) return 'Expired';
  return `Unused, expires ${when(invite.expiresAt)}`;
}

export function Invites() {
  const [role, setRole] = useState<'agent' | 'admin'>('agent');
  const [team, setTeam] = useState('');
  const issue = useAction();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ code: string; invite: InviteView } | null>(null);
  const [invites, setInvites] = useState<InviteView[] | null>(null);

  const load = () =>
    unwrap(client.api.admin.invites.$get())
      .then((r) => setInvites(r.invites))
      .catch((e) => setLoadError(messageOf(e)));
  useEffect(() => {
    void load();
  }, []);

  const submit = (event: Event) => {
    event.preventDefault();
    setIssued(null);
    void issue.run(async () => {
      // An admin invite is confirmed with the issuing admin's passkey first.
      const json = role === 'agent' ? { role, team } : { role, ...(await staffAssertion('invite')) };
      setIssued(await unwrap(client.api.admin.invites.$post({ json })));
      setTeam('');
      await load();
    });
  };

  return (
    <>
      <section class="card" aria-labelledby="issue-heading">
        <h2 id="issue-heading">Issue an invite</h2>
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>The invite is for</legend>
            <label class="choice">
              <input type="radio" name="role" checked={role === 'agent'} onChange={() => setRole('agent')} />
              An agent
            </label>
            <label class="choice">
              <input type="radio" name="role" checked={role === 'admin'} onChange={() => setRole('admin')} />
              An admin
            </label>
          </fieldset>
          {role === 'agent' && (
            <Field
              id="team"
              label="Team"
              hint="Customers see it when the agent asks them to verify, e.g. Fraud team."
              value={team}
              onInput={setTeam}
              error={issue.fields.team}
            />
          )}
          <button type="submit" disabled={issue.busy}>
            {issue.busy ? (role === 'admin' ? 'Confirm with your passkey…' : 'Issuing…') : 'Issue invite code'}
          </button>
          {role === 'admin' && <p class="hint">An admin invite asks for your passkey first.</p>}
          <Alert message={issue.error ?? loadError} />
        </form>
        {issued && (
          <div class="notice" role="status">
            <p>
              Invite code for {issued.invite.role === 'agent' ? `an agent (${issued.invite.team})` : 'an admin'}, shown
              only now. It works once, until {when(issued.invite.expiresAt)}:
            </p>
            <dl class="facts">
              <dt>Invite code</dt>
              <dd class="code">{issued.code}</dd>
            </dl>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="invites-heading">
        <h2 id="invites-heading">Invites you issued</h2>
        {invites === null && <p>Loading invites…</p>}
        {invites && invites.length === 0 && <p>None yet.</p>}
        {invites && invites.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">For</th>
                <th scope="col">Issued</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {invites.map((i) => (
                <tr key={i.id}>
                  <td>{i.role === 'agent' ? `Agent, ${i.team}` : 'Admin'}</td>
                  <td>{when(i.createdAt)}</td>
                  <td>{inviteState(i)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
