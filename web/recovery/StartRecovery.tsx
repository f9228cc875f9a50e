/** The first step of a recovery: the customer names their account; a code goes to its phone. */
import { useState } from 'preact/hooks';
import { t } from '../i18n/en/recovery.ts';
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
      setFields({ identifier: t('enterIdentifier') });
      return;
    }
    void run(async () => onStarted(await startRecovery(identifier.trim())));
  };

  return (
    <>
      <ScreenHeading>{t('recoverHeading')}</ScreenHeading>
      <p>{t('recoverIntro')}</p>
      {notice && <p class="warning">{notice}</p>}
      <form onSubmit={submit} noValidate>
        <Field
          id="recovery-identifier"
          label={t('identifierLabel')}
          hint={t('identifierHint')}
          value={identifier}
          onInput={setIdentifier}
          autoComplete="username"
          required
          error={fields.identifier}
        />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t('sendingCode') : t('sendCode')}
          </button>
          <button type="button" class="secondary" onClick={onBack}>
            {t('backToSignIn')}
          </button>
        </div>
      </form>
      <Alert message={error} />
    </>
  );
}
