/**
 * The customer chooses which trusted contacts to ask, by name only (no numbers, no hints on how to
 * reach them: someone who is not the customer learns nothing they could use).
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n/en/recovery.ts';
import { Alert } from '../ui/Alert.tsx';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { useAction } from '../ui/useAction.ts';
import { useBankName } from './bank-name.ts';
import { askContacts, type RecoveryView } from './calls.ts';

type Asked = (view: RecoveryView, undelivered: string[]) => void;

/** The step's screen: the contacts to ask, at least the quorum of them. */
export function ChooseContacts({ view, onAsked }: { view: RecoveryView; onAsked: Asked }) {
  const bank = useBankName();
  return (
    <>
      <ScreenHeading>{t('askHeading')}</ScreenHeading>
      <p>{t('askIntro', { bank })}</p>
      <ContactPicker
        id="recovery-contacts"
        legend={t('yourContacts')}
        contacts={view.contacts}
        atLeast={view.quorum}
        submitLabel={t('askThese')}
        onAsked={onAsked}
      />
    </>
  );
}

interface ContactPickerProps {
  id: string;
  legend: string;
  contacts: RecoveryView['contacts'];
  /** How many must be ticked (the quorum; 1 when adding to those already asked). */
  atLeast: number;
  submitLabel: string;
  onAsked: Asked;
}

/** Checkboxes with the contacts' names, and the button that asks the ticked ones. */
export function ContactPicker(props: ContactPickerProps) {
  const [picked, setPicked] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, error, fields, run } = useAction();

  const toggle = (id: string, on: boolean) =>
    setPicked((now) => (on ? [...now, id] : now.filter((other) => other !== id)));
  const submit = (event: Event) => {
    event.preventDefault();
    if (picked.length < props.atLeast) {
      setProblem(t('chooseAtLeast', { n: props.atLeast }));
      return;
    }
    setProblem(null);
    void run(async () => {
      const { recovery, undelivered } = await askContacts(picked);
      setPicked([]);
      props.onAsked(recovery, undelivered);
    });
  };

  const hintId = `${props.id}-hint`;
  return (
    <form onSubmit={submit} noValidate>
      <fieldset aria-describedby={hintId}>
        <legend>{props.legend}</legend>
        <p class="hint" id={hintId}>
          {t('chooseAtLeast', { n: props.atLeast })}
        </p>
        {props.contacts.map((contact) => (
          <label class="choice" key={contact.id}>
            <input
              type="checkbox"
              name={props.id}
              value={contact.id}
              checked={picked.includes(contact.id)}
              onChange={(e) => toggle(contact.id, (e.target as HTMLInputElement).checked)}
            />
            {contact.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? t('asking') : props.submitLabel}
      </button>
      <Alert message={problem ?? fields.contacts ?? error} />
    </form>
  );
}
