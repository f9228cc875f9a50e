/**
 * Codes from the contacts asked: one field per contact, how many have confirmed against how many
 * are needed, and more contacts to ask if one cannot help. In-app approvals appear as the parent
 * screen reads the recovery again.
 */
import { ScreenHeading } from '../ui/CallStatus.tsx';
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

  return (
    <>
      <ScreenHeading>Codes from your contacts</ScreenHeading>
      <p>
        Call each contact you asked. Once they have checked that it is really you, they read you the code we sent them —
        or they approve in their own Countersign app, and this screen shows it by itself.
      </p>
      <div role="status" aria-live="polite">
        <p class="progress">
          Confirmed by {view.approvals} of the {view.quorum} contacts needed.
        </p>
      </div>
      {missed.length > 0 && (
        <p class="warning">We could not send a text message to {missed.join(', ')}. Ask another contact.</p>
      )}
      {asked.map((contact) => (
        <ContactCode key={contact.id} contact={contact} onChange={onChange} />
      ))}
      {notAsked.length > 0 && (
        <details>
          <summary>Ask another contact</summary>
          <ContactPicker
            id="recovery-more-contacts"
            legend="Contacts not asked yet"
            contacts={notAsked}
            atLeast={1}
            submitLabel="Ask them too"
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
