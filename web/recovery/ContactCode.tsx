/** One asked contact while codes are collected: where they stand, and the field for their code. */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { CodeForm } from '../ui/codes.tsx';
import { checkContactCode, type RecoveryView } from './calls.ts';

type Contact = RecoveryView['contacts'][number];
type Outcome = 'wrong' | 'locked' | 'expired' | 'in_app';

const tries = (n: number) => (n === 1 ? '1 try left' : `${n} tries left`);

const expired = (contact: Contact) => contact.expires_at !== null && Date.parse(contact.expires_at) <= Date.now();

function statusOf(contact: Contact, outcome: Outcome | null): string {
  if (contact.approved) return 'Approved: they confirmed it is you.';
  if (contact.via === 'app' || outcome === 'in_app') {
    return expired(contact)
      ? 'Expired: they did not approve in time. Ask another contact.'
      : 'Asked in their Countersign app: this shows approved once they approve there.';
  }
  if (contact.tries_left === 0 || outcome === 'locked') return 'Locked: too many wrong codes. Ask another contact.';
  if (outcome === 'expired' || expired(contact)) return 'Expired: their code is too old now. Ask another contact.';
  if (outcome === 'wrong') return `Wrong code. ${tries(contact.tries_left)}.`;
  return 'Waiting for their code, or for their approval in the app.';
}

export function ContactCode({ contact, onChange }: { contact: Contact; onChange: (view: RecoveryView) => void }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const status = statusOf(contact, outcome);
  const open =
    !contact.approved &&
    contact.via !== 'app' &&
    !expired(contact) &&
    contact.tries_left > 0 &&
    outcome !== 'locked' &&
    outcome !== 'expired';

  const check = async (code: string) => {
    try {
      const answer = await checkContactCode(contact.id, code);
      onChange(answer.recovery);
      if (answer.outcome === 'wrong') {
        setOutcome('wrong');
        return { triesLeft: answer.tries_left, message: `That code is not right. ${tries(answer.tries_left)}.` };
      }
      setOutcome(answer.outcome === 'approved' ? null : answer.outcome);
      return null;
    } catch (e) {
      // A contact with the app was asked there, not by text message: there is no code to type.
      if (e instanceof ApiError && e.fields.contact) {
        setOutcome('in_app');
        return null;
      }
      throw e;
    }
  };

  const headingId = `contact-${contact.id}-heading`;
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{contact.name}</h2>
      <p class={contact.approved ? 'notice' : 'meta'}>{status}</p>
      {open && outcome !== 'in_app' && (
        <CodeForm
          id={`contact-${contact.id}-code`}
          label={`Code from ${contact.name}`}
          triesLeft={contact.tries_left}
          submitLabel={`Check the code from ${contact.name}`}
          onCheck={check}
        />
      )}
    </section>
  );
}
