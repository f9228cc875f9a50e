/**
 * "Trusted contacts": the people who can help the customer back in after losing every
 * device. The first set-up names 3 to 5; after it, one change a day, each confirmed with the passkey
 * and announced on every device, so nobody can quietly swap the contacts.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n/en/banking.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { useLoad } from '../ui/load.ts';
import { when } from '../ui/time.ts';
import { AddTrustedContact } from './AddTrustedContact.tsx';
import { ContactList } from './ContactList.tsx';
import { ContactsSetup } from './ContactsSetup.tsx';
import { type ChangeTooSoon, loadTrustedContacts, type TrustedContactsAnswer } from './trusted-contacts.ts';

interface TrustedContactsProps {
  /** The account's verified phone (null: none yet; undefined: still loading). */
  verifiedPhone: string | null | undefined;
  /** Something the security events show has happened. */
  onChange: () => void;
}

const everyHours = (hours: number) => (hours === 24 ? t('oneADay') : t('oneEvery', { hours }));

export function TrustedContacts({ verifiedPhone, onChange }: TrustedContactsProps) {
  const answer = useLoad<TrustedContactsAnswer>(loadTrustedContacts);
  const [status, setStatus] = useState<string | null>(null);
  // Set when the worker refused a change as too soon: no more passkey prompts for changes until then.
  const [tooSoon, setTooSoon] = useState<ChangeTooSoon | null>(null);
  const data = answer.data;
  // The server says when the next change may be made: no passkey prompt for a change it would refuse.
  const nextChangeAt = Math.max(tooSoon?.retryAt ?? 0, data?.nextChangeAt ?? 0);
  const locked = nextChangeAt > Date.now();

  const refused = (refusal: ChangeTooSoon) => {
    setStatus(null);
    setTooSoon(refusal);
  };
  const changed = async (message: string) => {
    setStatus(null);
    await answer.reload();
    setStatus(message);
    onChange();
  };

  return (
    <section class="card" aria-labelledby="trusted-contacts-heading">
      <h2 id="trusted-contacts-heading">{t('tcHeading')}</h2>
      {data === null && !answer.error && <p>{t('tcLoading')}</p>}
      {data && (
        <>
          <p>{t('tcQuorum', { quorum: data.quorum })}</p>
          <p class="hint">{t('tcChoose', { rate: everyHours(data.changeIntervalHours) })}</p>
          {verifiedPhone === null && <p class="warning">{t('tcVerifyPhone')}</p>}
        </>
      )}
      {data?.contacts.length === 0 && <ContactsSetup onSaved={() => changed(t('tcSaved'))} />}
      {data && data.contacts.length > 0 && (
        <>
          <p class="hint">{t('tcTexted')}</p>
          <ContactList contacts={data.contacts} onChanged={changed} onTooSoon={refused} locked={locked} />
          {data.contacts.length < 5 && !locked && (
            <AddTrustedContact count={data.contacts.length} onAdded={changed} onTooSoon={refused} />
          )}
        </>
      )}
      {locked && !tooSoon && data && data.contacts.length > 0 && (
        <p class="notice">{t('tcRecent', { when: when(nextChangeAt) })}</p>
      )}
      <Alert message={answer.error ?? (locked ? (tooSoon?.message ?? null) : null)} />
      <Status message={status} />
    </section>
  );
}
