/** Admin: issue single-use invite codes for agents and admins, and see which were used. */
import { useEffect, useState } from 'preact/hooks';
import type { InviteView } from '../../shared/account.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { t } from '../i18n/en/admin.ts';
import { Alert } from '../ui/Alert.tsx';
import { Field } from '../ui/Field.tsx';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { staffAssertion } from './staff-passkey.ts';

function inviteState(invite: InviteView): string {
  if (invite.usedAt) return t('usedBy', { who: invite.usedBy ?? t('someone'), when: when(invite.usedAt) });
  if (invite.expiresAt <= Date.now()) return t('expired');
  return t('unused', { when: when(invite.expiresAt) });
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
        <h2 id="issue-heading">{t('issueHeading')}</h2>
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t('inviteFor')}</legend>
            <label class="choice">
              <input type="radio" name="role" checked={role === 'agent'} onChange={() => setRole('agent')} />
              {t('anAgent')}
            </label>
            <label class="choice">
              <input type="radio" name="role" checked={role === 'admin'} onChange={() => setRole('admin')} />
              {t('anAdmin')}
            </label>
          </fieldset>
          {role === 'agent' && (
            <Field
              id="team"
              label={t('team')}
              hint={t('teamHint')}
              value={team}
              onInput={setTeam}
              error={issue.fields.team}
            />
          )}
          <button type="submit" disabled={issue.busy}>
            {issue.busy ? (role === 'admin' ? t('confirmPasskey') : t('issuing')) : t('issueInvite')}
          </button>
          {role === 'admin' && <p class="hint">{t('adminInviteHint')}</p>}
          <Alert message={issue.error ?? loadError} />
        </form>
        {issued && (
          <div class="notice" role="status">
            <p>
              {issued.invite.role === 'agent'
                ? t('inviteShown_agent', { team: issued.invite.team ?? '', when: when(issued.invite.expiresAt) })
                : t('inviteShown_admin', { when: when(issued.invite.expiresAt) })}
            </p>
            <dl class="facts">
              <dt>{t('inviteCode')}</dt>
              <dd class="code">{issued.code}</dd>
            </dl>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="invites-heading">
        <h2 id="invites-heading">{t('invitesHeading')}</h2>
        {invites === null && <p>{t('loadingInvites')}</p>}
        {invites && invites.length === 0 && <p>{t('noneYet')}</p>}
        {invites && invites.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('colFor')}</th>
                <th scope="col">{t('colIssued')}</th>
                <th scope="col">{t('colState')}</th>
              </tr>
            </thead>
            <tbody>
              {invites.map((i) => (
                <tr key={i.id}>
                  <td>{i.role === 'agent' ? t('roleAgent', { team: i.team ?? '' }) : t('roleAdmin')}</td>
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
