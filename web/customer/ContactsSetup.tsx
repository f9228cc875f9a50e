/**
 * The first set-up of trusted contacts: 3 to 5 rows of name and mobile number, then the passkey.
 * Each contact gets a text message saying who named them and what to do when asked for a code.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TrustedContactInput } from '../../shared/recovery.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert } from '../ui/Alert.tsx';
import { useAction } from '../ui/useAction.ts';
import { ContactRow } from './ContactRow.tsx';
import { missingFields, setUpContacts } from './trusted-contacts.ts';

const fewest = 3;
const most = 5;

interface Row extends TrustedContactInput {
  key: number;
}

const blank = (key: number): Row => ({ key, name: '', phone: '' });

export function ContactsSetup({ onSaved }: { onSaved: () => Promise<void> }) {
  const [rows, setRows] = useState<Row[]>(() => [blank(0), blank(1), blank(2)]);
  const nextKey = useRef(fewest);
  const form = useRef<HTMLFormElement>(null);
  const [focusName, setFocusName] = useState<number | null>(null);
  const { busy, error, fields, run, setFields } = useAction();

  // After an error, the first field to fix gets the focus; after a row is added, its name does.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [fields]);
  useEffect(() => {
    if (focusName !== null) document.getElementById(`contact-${focusName}-name`)?.focus();
  }, [focusName]);

  const add = () => {
    setRows([...rows, blank(nextKey.current++)]);
    setFocusName(rows.length + 1);
  };
  const remove = (key: number) => {
    setRows(rows.filter((r) => r.key !== key));
    setFields({}); // the messages were numbered for the old rows
    setFocusName(null);
  };
  const edit = (key: number, value: TrustedContactInput) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...value } : r)));

  const save = (event: Event) => {
    event.preventDefault();
    const contacts = rows.map(({ name, phone }) => ({ name: name.trim(), phone: phone.trim() }));
    const missing = missingFields(contacts, (i) => `contacts.${i}.`);
    if (Object.keys(missing).length > 0) {
      setFields(missing);
      return;
    }
    void run(async () => {
      await setUpContacts(contacts);
      await onSaved();
    });
  };

  return (
    <form ref={form} onSubmit={save} noValidate>
      {rows.map((row, i) => (
        <ContactRow
          key={row.key}
          number={i + 1}
          value={row}
          onInput={(value) => edit(row.key, value)}
          errors={{ name: fields[`contacts.${i}.name`], phone: fields[`contacts.${i}.phone`] }}
          onRemove={rows.length > fewest ? () => remove(row.key) : undefined}
        />
      ))}
      {rows.length < most ? (
        <button type="button" class="secondary" onClick={add}>
          {t('addAnother')}
        </button>
      ) : (
        <p class="hint">{t('namedMost', { most })}</p>
      )}
      <p class="hint">{t('deviceConfirm')}</p>
      <button type="submit" disabled={busy}>
        {t('saveWithPasskey')}
      </button>
      {busy && <p role="status">{t('waitingPasskey')}</p>}
      <Alert message={error && [error, fields.contacts].filter(Boolean).join(' ')} />
    </form>
  );
}
