/**
 * The trusted contacts already named: each with their number, and "Remove" while there are more
 * than 3, confirmed on screen and then with the passkey.
 */
import { useState } from 'preact/hooks';
import type { TrustedContactView } from '../../shared/recovery.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert } from '../ui/Alert.tsx';
import { when } from '../ui/time.ts';
import { useAction } from '../ui/useAction.ts';
import { type ChangeTooSoon, refusedAsTooSoon, removeContact } from './trusted-contacts.ts';

interface ContactListProps {
  contacts: TrustedContactView[];
  /** After a change: what to tell the customer. */
  onChanged: (message: string) => Promise<void>;
  /** A change was refused as too soon after the last one (its message says when the next can be made). */
  onTooSoon: (refused: ChangeTooSoon) => void;
  /** No change can be made now: no "Remove" buttons. */
  locked: boolean;
}

export function ContactList({ contacts, onChanged, onTooSoon, locked }: ContactListProps) {
  const [confirming, setConfirming] = useState<TrustedContactView | null>(null);
  const { busy, error, run } = useAction();
  const removable = contacts.length > 3 && !locked;

  const remove = (contact: TrustedContactView) =>
    run(async () => {
      const removed = await removeContact(contact.id).catch(refusedAsTooSoon(onTooSoon));
      setConfirming(null);
      if (!removed) return;
      await onChanged(t('tcRemoved', { name: contact.name }));
    });

  return (
    <>
      <ul class="plain wrap">
        {contacts.map((c) => (
          <li key={c.id}>
            <div>
              <div>{c.name}</div>
              <div class="meta">
                {c.phone} · added {when(c.addedAt)}
              </div>
            </div>
            {removable && confirming?.id !== c.id && (
              <button type="button" class="danger" disabled={busy} onClick={() => setConfirming(c)}>
                {t('remove')}
                <span class="sr-only"> {c.name}</span>
              </button>
            )}
            {confirming?.id === c.id && (
              <div class="confirm">
                <p>{t('tcRemoveConfirm', { name: c.name })}</p>
                <div class="actions">
                  <button type="button" class="small" disabled={busy} onClick={() => void remove(c)}>
                    {t('tcRemoveWithPasskey', { name: c.name })}
                  </button>
                  <button type="button" class="small secondary" disabled={busy} onClick={() => setConfirming(null)}>
                    {t('tcKeep', { name: c.name })}
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      {contacts.length <= 3 && <p class="hint">{t('tcAtLeast3')}</p>}
      <Alert message={error} />
    </>
  );
}
