/** One asked contact while codes are collected: where they stand, and the field for their code. */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { t } from '../i18n/en/recovery.ts';
import { CodeForm, tries } from '../ui/codes.tsx';
import { useBankName } from './bank-name.ts';
import { checkContactCode, type RecoveryView } from './calls.ts';

type Contact = RecoveryView['contacts'][number];
type Outcome = 'wrong' | 'locked' | 'expired' | 'in_app';

const expired = (contact: Contact) => contact.expires_at !== null && Date.parse(contact.expires_at) <= Date.now();

function statusOf(contact: Contact, outcome: Outcome | null, bank: string): string {
  if (contact.approved) return t('approved');
  if (contact.via === 'app' || outcome === 'in_app') {
    return expired(contact) ? t('appExpired') : t('askedInApp', { bank });
  }
  if (contact.tries_left === 0 || outcome === 'locked') return t('locked');
  if (outcome === 'expired' || expired(contact)) return t('codeExpired');
  if (outcome === 'wrong') return t('wrongCode', { tries: tries(contact.tries_left) });
  return t('waitingCode');
}

export function ContactCode({ contact, onChange }: { contact: Contact; onChange: (view: RecoveryView) => void }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const bank = useBankName();
  const status = statusOf(contact, outcome, bank);
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
        return { triesLeft: answer.tries_left, message: t('notRight', { tries: tries(answer.tries_left) }) };
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
          label={t('codeFrom', { name: contact.name })}
          triesLeft={contact.tries_left}
          submitLabel={t('checkCodeFrom', { name: contact.name })}
          onCheck={check}
        />
      )}
    </section>
  );
}
