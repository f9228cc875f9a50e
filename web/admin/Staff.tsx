/**
 * Admin: the staff (agents and admins) with team and last sign-in; disable one (their sessions end
 * at once, their passkeys stop signing in, their calls in progress are cancelled) or enable them
 * again. Each change is confirmed on screen, then with the admin's passkey.
 */
import { useState } from 'preact/hooks';
import type { StaffView } from '../../shared/account.ts';
import { client, unwrap } from '../api.ts';
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
      setStatus(
        action === 'disable'
          ? `${member.displayName} is disabled. Their sessions ended and their passkeys no longer sign in.`
          : `${member.displayName} is enabled again and can sign in with their passkey.`,
      );
    });
  };

  return (
    <section class="card" aria-labelledby="staff-heading">
      <h2 id="staff-heading">Staff</h2>
      <p class="hint">Agents and admins. Disable someone who left: it takes effect at once, on every device.</p>
      {staff.data === null && !staff.error && <p>Loading staff…</p>}
      {staff.data && staff.data.length === 0 && <p>No staff yet.</p>}
      {staff.data && staff.data.length > 0 && (
        <ul class="plain" aria-label="Staff members">
          {staff.data.map((m) => (
            <li key={m.id}>
              <div>
                <div>
                  {m.displayName} <span class="meta">({m.handle})</span>
                </div>
                <div class="meta">
                  {m.role === 'admin' ? 'Admin' : `Agent, ${m.team ?? 'no team'}`} · last sign-in{' '}
                  {m.lastSignInAt ? when(m.lastSignInAt) : 'never'}
                </div>
                <div class={m.enabled ? 'meta' : 'meta disabled-state'}>
                  {m.enabled ? 'Enabled' : `Disabled${m.disabledAt ? ` ${when(m.disabledAt)}` : ''}`}
                  {m.id === selfId ? ' · you' : ''}
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
                  {m.enabled ? 'Disable' : 'Enable'}
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
            {pending.action === 'disable'
              ? `Disable ${pending.member.displayName}?`
              : `Enable ${pending.member.displayName}?`}
          </h3>
          <p id="staff-confirm-text">
            {pending.action === 'disable'
              ? 'Their sessions end at once on every device, their passkeys stop signing in, and calls they have in progress are cancelled. You can enable them again later.'
              : 'They can sign in again with their passkey.'}{' '}
            We ask for your passkey to confirm.
          </p>
          <div class="actions">
            <button
              type="button"
              class={pending.action === 'disable' ? 'danger' : ''}
              disabled={change.busy}
              onClick={confirm}
            >
              {change.busy
                ? 'Confirm with your passkey…'
                : pending.action === 'disable'
                  ? `Yes, disable ${pending.member.displayName}`
                  : `Yes, enable ${pending.member.displayName}`}
            </button>
            <button type="button" class="secondary" disabled={change.busy} onClick={() => setPending(null)}>
              {pending.action === 'disable' ? 'Keep their access' : 'Cancel'}
            </button>
          </div>
        </div>
      )}
      <Alert message={change.error ?? staff.error} />
      <Status message={status} />
    </section>
  );
}
