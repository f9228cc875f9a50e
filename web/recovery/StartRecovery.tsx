/** The first step of a recovery: the customer names their account; a code goes to its phone. */
import { useState } from 'preact/hooks';
import { Alert } from '../ui/Alert.tsx';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { Field } from '../ui/Field.tsx';
import { useAction } from '../ui/useAction.ts';
import { type RecoveryView, startRecovery } from './calls.ts';

interface StartRecoveryProps {
  onStarted: (view: RecoveryView) => void;
  onBack: () => void;
  /** Why the customer is back here (a recovery ended), if they are. */
  notice: string | null;
}

export function StartRecovery({ onStarted, onBack, notice }: StartRecoveryProps) {
  const [identifier, setIdentifier] = useState('');
  const { busy, error, fields, run, setFields } = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    if (identifier.trim().length < 3) {
      setFields({ identifier: 'Enter your handle or your phone number.' });
      return;
    }
    void run(async () => onStarted(await startRecovery(identifier.trim())));
  };

  return (
    <>
      <ScreenHeading>Recover your account</ScreenHeading>
      <p>
        Lost every device with your passkey? You can get back in with a code sent to your phone and codes from the
        trusted contacts you named.
      </p>
      {notice && <p class="warning">{notice}</p>}
      <form onSubmit={submit} noValidate>
        <Field
          id="recovery-identifier"
          label="Your handle or phone number"
          hint="The handle you chose, or your verified mobile number in international format, like +44 7911 123456."
          value={identifier}
          onInput={setIdentifier}
          autoComplete="username"
          required
          error={fields.identifier}
        />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Sending a code…' : 'Send me a code'}
          </button>
          <button type="button" class="secondary" onClick={onBack}>
            Back to sign in
          </button>
        </div>
      </form>
      <Alert message={error} />
    </>
  );
}
