/**
 * Urgent cards at the top of Home for signs that someone else is taking over the account: a
 * recovery started, or stopped by a contact; a new passkey; a phone change; a sign-in from a new
 * country (from the account's audit log, /api/me/audit). "This wasn't me" offers to lock the account
 * and to call the bank (LockChoice.tsx); "This was me" dismisses the card, remembered on this device
 * (localStorage). While the account is locked, Home opens with the locked state instead (AccountLocked.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import type { AuditEvent } from '../../shared/account.ts';
import type { LockView } from '../../shared/lock.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/call.ts';
import { t as lockText } from '../i18n/en/lock.ts';
import { StateIcon } from '../ui/StateIcon.tsx';
import { when } from '../ui/time.ts';
import { AccountLocked } from './AccountLocked.tsx';
import { LockChoice } from './LockChoice.tsx';

/** Signs older than this are history (the security events), not urgent. */
const urgentForMs = 14 * 24 * 60 * 60 * 1000;

/** What the card says for an event that is a sign of takeover, or null for an ordinary one. */
function signOf(e: AuditEvent, events: AuditEvent[]): string | null {
  const earlier = (type: string, also = (_: AuditEvent) => true) =>
    events.some((o) => o.seq < e.seq && o.type === type && also(o));
  switch (e.type) {
    case 'recovery_started':
      return t('recoveryStarted');
    case 'recovery_aborted':
      return t('recoveryAborted');
    case 'passkey_added':
      // The first passkey is the one the account was made with.
      return earlier('passkey_added') ? t('newPasskey') : null;
    case 'contact_verified': {
      const phone = (o: AuditEvent) => o.detail.kind === 'phone';
      return phone(e) && earlier('contact_verified', phone) ? t('phoneChanged') : null;
    }
    case 'sign_in_risk':
      return String(e.detail.reasons ?? '').includes('new_country')
        ? e.detail.country
          ? t('newCountryNamed', { country: String(e.detail.country) })
          : t('newCountry')
        : null;
    default:
      return null;
  }
}

export function UrgentCards({ handle }: { handle: string }) {
  const key = `countersign.dismissed.${handle}`;
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [dismissed, setDismissed] = useState<number[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '[]') as number[];
    } catch {
      return [];
    }
  });
  const [lock, setLock] = useState<{ view: LockView; now: boolean } | null>(null);
  const [choosing, setChoosing] = useState<number | null>(null);
  useEffect(() => {
    unwrap(client.api.me.audit.$get())
      .then((r) => setEvents(r.events))
      .catch(() => setEvents([]));
    unwrap(client.api.me.lock.$get())
      .then((r) => setLock(r.lock ? { view: r.lock, now: false } : null))
      .catch(() => setLock(null));
  }, []);
  if (lock) return <AccountLocked lock={lock.view} focus={lock.now} />;
  const dismiss = (seqs: number[]) => {
    const next = [...dismissed, ...seqs].slice(-100);
    setDismissed(next);
    try {
      localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Private mode: dismissed for this visit only.
    }
  };
  const since = Date.now() - urgentForMs;
  // One card per sign: the same sign twice (two recoveries stopped) is one louder card, not two
  // cards alike; each card is a region named by its heading and its sign, so no two share a name.
  const cards = new Map<string, AuditEvent[]>();
  for (const e of events) {
    if (e.at < since || dismissed.includes(e.seq)) continue;
    const text = signOf(e, events);
    if (text !== null) cards.set(text, [...(cards.get(text) ?? []), e]);
  }
  if (cards.size === 0) return null;
  return (
    <>
      {[...cards].map(([text, signs]) => {
        const last = signs.reduce((a, b) => (b.at > a.at ? b : a));
        const id = `urgent-${last.seq}`;
        return (
          <section key={last.seq} class="card urgent" aria-labelledby={`${id} ${id}-sign`}>
            <h2 id={id} class="with-icon">
              <StateIcon kind="warning" />
              {t('wasThisYou')}
            </h2>
            <p id={`${id}-sign`}>
              {text}
              {signs.length > 1 ? t('happenedTimes', { n: signs.length }) : ''}{' '}
              <span class="meta">{signs.length > 1 ? t('lastOn', { when: when(last.at) }) : when(last.at)}</span>
            </p>
            {choosing === last.seq ? (
              <LockChoice
                id={`${id}-choice`}
                onLocked={(view) => setLock({ view, now: true })}
                onBack={() => setChoosing(null)}
              />
            ) : (
              <div class="actions">
                <button type="button" class="danger-solid" onClick={() => setChoosing(last.seq)}>
                  {lockText('notMe')}
                </button>
                <button type="button" class="secondary" onClick={() => dismiss(signs.map((e) => e.seq))}>
                  {t('wasMe')}
                </button>
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
