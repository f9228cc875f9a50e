/** "Add a contact" (while there are fewer than 5): one more name and number, confirmed with the passkey. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TrustedContactInput } from '../../shared/recovery.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert } from '../ui/Alert.tsx';
import { useAction } from '../ui/useAction.ts';
import { ContactRow } from './ContactRow.tsx';
import { addContact, type ChangeTooSoon, missingFields, refusedAsTooSoon } from './trusted-contacts.ts';

interface AddTrustedContactProps {
  /** How many there are now: the new one is number count + 1. */
  count: number;
  onAdded: (message: string) => Promise<void>;
  /** A change was refused as too soon after the last one (its message says when the next can be made). */
  onTooSoon: (refused: ChangeTooSoon) => void;
}

export function AddTrustedContact({ count, onAdded, onTooSoon }: AddTrustedContactProps) {
  const [open, setOpen] = useState(false);
  const [contact, setContact] = useState<TrustedContactInput>({ name: '', phone: '' });
  const form = useRef<HTMLFormElement>(null);
  const { busy, error, fields, run, setFields } = useAction();
  const number = count + 1;

  // The form opens on its first field; after an error, the first field to fix gets the focus.
  useEffect(() => {
    if (open) form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [open]);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [fields]);

  const save = (event: Event) => {
    event.preventDefault();
    const typed = { name: contact.name.trim(), phone: contact.phone.trim() };
    const missing = missingFields([typed], () => 'contact.');
    if (Object.keys(missing).length > 0) {
      setFields(missing);
      return;
    }
    void run(async () => {
      const added = await addContact(typed).catch(refusedAsTooSoon(onTooSoon));
      if (!added) return;
      setOpen(false);
      setContact({ name: '', phone: '' });
      await onAdded(t('tcAdded', { name: typed.name }));
    });
  };

  if (!open)
    return (
      <>
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          {t('addContact')}
        </button>
        <Alert message={error} />
      </>
    );
  return (
    <form ref={form} onSubmit={save} noValidate>
      <ContactRow
        number={number}
        value={contact}
        onInput={setContact}
        errors={{ name: fields['contact.name'], phone: fields['contact.phone'] }}
      />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('addWithPasskey')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
      {busy && <p role="status">{t('waitingPasskey')}</p>}
      <Alert message={error && [error, fields.contacts].filter(Boolean).join(' ')} />
    </form>
  );
}
