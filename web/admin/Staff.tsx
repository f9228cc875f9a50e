/**
 * Admin: the staff (agents and admins) with team and last sign-in; disable one (their sessions end
 * at once, their passkeys stop signing in, their calls in progress are cancelled) or enable them
 * again. Each change is confirmed on screen, then with the admin's passkey.
 */
import { useState } from 'preact/hooks';
import type { StaffView } from '../../shared/account.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/admin.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { useLoad } from '../ui/load.ts';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { staffAssertion } from './staff-passkey.ts';

type Pending = { member: StaffView; action: 'disable' | 'enable' };

export function Staff({ selfId }: { selfId: string }) {
  const staff = useLoad(async () => (await unwrap(client.api.admin.staff.$get())).staff);
  const [pending, setPending] = useState<Pending | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const change = useAction();

  const confirm = () => {
    if (!pending) return;
    const { member, action } = pending;
    setStatus(null);
    void change.run(async () => {
      const body = await staffAssertion('access');
      const route = client.api.admin.staff[':id'][action];
      await unwrap(route.$post({ param: { id: member.id }, json: body }));
      setPending(null);
      await staff.reload();
      setStatus(t(action === 'disable' ? 'staffDisabledNow' : 'staffEnabledNow', { name: member.displayName }));
    });
  };

  return (
    <section class="card" aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('staffHeading')}</h2>
      <p class="hint">{t('staffHint')}</p>
      {staff.data === null && !staff.error && <p>{t('loadingStaff')}</p>}
      {staff.data && staff.data.length === 0 && <p>{t('noStaff')}</p>}
      {staff.data && staff.data.length > 0 && (
        <ul class="plain" aria-label={t('staffMembers')}>
          {staff.data.map((m) => (
            <li key={m.id}>
              <div>
                <div>
                  {m.displayName} <span class="meta">({m.handle})</span>
                </div>
                <div class="meta">
                  {t('lastSignIn', {
                    role: m.role === 'admin' ? t('roleAdmin') : t('roleAgent', { team: m.team ?? t('noTeam') }),
                    when: m.lastSignInAt ? when(m.lastSignInAt) : t('never'),
                  })}
                </div>
                <div class={m.enabled ? 'meta' : 'meta disabled-state'}>
                  {m.enabled
                    ? t('enabled')
                    : m.disabledAt
                      ? t('disabledAt', { when: when(m.disabledAt) })
                      : t('disabled')}
                  {m.id === selfId ? t('you') : ''}
                </div>
              </div>
              {m.id !== selfId && (
                <button
                  type="button"
                  class={m.enabled ? 'danger' : 'secondary'}
                  disabled={change.busy}
                  onClick={() => {
                    setStatus(null);
                    setPending({ member: m, action: m.enabled ? 'disable' : 'enable' });
                  }}
                >
                  {m.enabled ? t('disable') : t('enable')}
                  <span class="sr-only"> {m.displayName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {pending && (
        <div
          class="notice"
          role="alertdialog"
          aria-labelledby="staff-confirm-heading"
          aria-describedby="staff-confirm-text"
        >
          <h3 id="staff-confirm-heading">
            {t(pending.action === 'disable' ? 'disableQ' : 'enableQ', { name: pending.member.displayName })}
          </h3>
          <p id="staff-confirm-text">
            {t(pending.action === 'disable' ? 'disableText' : 'enableText')} {t('askPasskey')}
          </p>
          <div class="actions">
            <button
              type="button"
              class={pending.action === 'disable' ? 'danger' : ''}
              disabled={change.busy}
              onClick={confirm}
            >
              {change.busy
                ? t('confirmPasskey')
                : t(pending.action === 'disable' ? 'yesDisable' : 'yesEnable', { name: pending.member.displayName })}
            </button>
            <button type="button" class="secondary" disabled={change.busy} onClick={() => setPending(null)}>
              {pending.action === 'disable' ? t('keepAccess') : t('cancel')}
            </button>
          </div>
        </div>
      )}
      <Alert message={change.error ?? staff.error} />
      <Status message={status} />
    </section>
  );
}
