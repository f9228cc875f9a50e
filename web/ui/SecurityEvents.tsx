/** Recent security events of the account, from its audit log. */
import { useEffect, useState } from 'preact/hooks';
import type { AuditEvent, AuditType } from '../../shared/account.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { when } from './time.ts';

const labels: Record<AuditType, string> = {
  account_created: 'Account created',
  signed_in: 'Signed in',
  sign_in_failed: 'Failed sign-in',
  signed_out: 'Signed out',
  session_expired: 'Session expired',
  passkey_added: 'Passkey added',
  passkey_removed: 'Passkey removed',
  invite_issued: 'Invite issued',
  invite_used: 'Invite used',
  push_enabled: 'Call alerts turned on',
  push_disabled: 'Call alerts turned off',
  contact_verified: 'Phone or e-mail verified',
  preferences_changed: 'Sign-in settings changed',
  payee_added: 'Payee added',
  payee_removed: 'Payee removed',
  payment_approved: 'Payment approved',
  payment_stopped: 'Payment stopped: you said someone asked you to make it',
  sign_in_risk: 'Sign-in checked for anything unusual',
  aggregator_allowed: 'Aggregator allowed',
  aggregator_revoked: 'Aggregator access taken back',
  otp_sent: 'One-time code sent',
  otp_send_failed: 'One-time code could not be sent',
  otp_withheld: 'A code was asked for to a number or address that is not yours: nothing was sent',
  message_sent: 'Message sent for your account',
  message_send_failed: 'A message for your account could not be sent',
  message_withheld: 'A message for your account was not sent',
  otp_approved: 'One-time code accepted',
  otp_locked: 'One-time code locked after wrong tries',
  otp_canceled: 'One-time code cancelled',
  otp_expired: 'One-time code expired',
  contacts_set_up: 'Trusted contacts named',
  contact_added: 'Trusted contact added',
  contact_removed: 'Trusted contact removed',
  recovery_started: 'Account recovery started: your trusted contacts were asked',
  recovery_quorum: 'Account recovery: your trusted contacts gave their codes',
  recovery_completed: 'Account recovered on a new device',
  recovery_aborted: 'Account recovery stopped by a trusted contact',
  recovery_canceled: 'Account recovery cancelled',
  recovery_expired: 'Account recovery expired',
  recovery_request_received: 'Someone you vouch for asked for your help',
  recovery_request_approved: 'You confirmed it was them',
  recovery_request_declined: 'You said they did not ask you',
  effect_refused: 'A change without its approval was refused',
  contact_change_allowed: 'Passkey confirmed to change your phone or e-mail',
  staff_disabled: 'You disabled a staff member',
  staff_enabled: 'You enabled a staff member again',
  disabled_by_admin: 'Your staff access was disabled',
  enabled_by_admin: 'Your staff access was enabled again',
  customer_lookup: 'You looked up a customer',
  call_started: 'Call verification started',
  call_declined: 'Call verification declined',
  call_confirmed: 'Call confirmed with a passkey',
  call_code_wrong: 'Wrong call code typed',
  call_code_matched: 'Call code checked',
  call_verified: 'Call verified',
  call_failed: 'Call verification failed',
  call_canceled: 'Call verification cancelled',
  call_expired: 'Call verification expired',
  call_reported: 'Call reported',
};

export function SecurityEvents({ refresh }: { refresh: number }) {
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    unwrap(client.api.me.audit.$get())
      .then((r) => setEvents(r.events))
      .catch((e) => setError(messageOf(e)));
  }, [refresh]);

  return (
    <section class="card" aria-labelledby="events-heading">
      <h2 id="events-heading">Recent security events</h2>
      {error && <p class="alert">{error}</p>}
      {events === null && !error && <p>Loading events…</p>}
      {events && events.length === 0 && <p>No events yet.</p>}
      {events && events.length > 0 && (
        <ul class="plain">
          {events.slice(0, 15).map((e) => (
            <li key={e.seq}>
              <span>{labels[e.type] ?? e.type}</span>
              <span class="meta">{when(e.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
