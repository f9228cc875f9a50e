/**
 * Codes from the contacts asked: one field per contact, how many have confirmed against how many
 * are needed, and more contacts to ask if one cannot help. In-app approvals appear as the parent
 * screen reads the recovery again.
 */
import { t } from '../i18n/en/recovery.ts';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { useBankName } from './bank-name.ts';
import { ContactPicker } from './ChooseContacts.tsx';
import { ContactCode } from './ContactCode.tsx';
import type { RecoveryView } from './calls.ts';

interface CollectCodesProps {
  view: RecoveryView;
  /** Contacts whose text message could not be sent. */
  undelivered: string[];
  onChange: (view: RecoveryView) => void;
  onAsked: (undelivered: string[]) => void;
}

export function CollectCodes({ view, undelivered, onChange, onAsked }: CollectCodesProps) {
  const asked = view.contacts.filter((c) => c.chosen);
  const notAsked = view.contacts.filter((c) => !c.chosen);
  const missed = asked.filter((c) => undelivered.includes(c.id) && !c.approved).map((c) => c.name);
  const bank = useBankName();

  return (
    <>
      <ScreenHeading>{t('codesHeading')}</ScreenHeading>
      <p>{t('codesIntro', { bank })}</p>
      <div role="status" aria-live="polite">
        <p class="progress">{t('confirmedBy', { approvals: view.approvals, quorum: view.quorum })}</p>
      </div>
      {missed.length > 0 && <p class="warning">{t('notSent', { names: missed.join(', ') })}</p>}
      {asked.map((contact) => (
        <ContactCode key={contact.id} contact={contact} onChange={onChange} />
      ))}
      {notAsked.length > 0 && (
        <details>
          <summary>{t('askAnother')}</summary>
          <ContactPicker
            id="recovery-more-contacts"
            legend={t('notAskedYet')}
            contacts={notAsked}
            atLeast={1}
            submitLabel={t('askThemToo')}
            onAsked={(next, missedNow) => {
              onAsked([...undelivered, ...missedNow]);
              onChange(next);
            }}
          />
        </details>
      )}
    </>
  );
}
