/**
 * The recovery is ready: this device creates a passkey for the account and is signed in. By default
 * every other passkey and session ends too, since the old device may be in someone else's hands.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { t } from '../i18n/en/recovery.ts';
import type { Account } from '../passkey.ts';
import { Alert } from '../ui/Alert.tsx';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { useAction } from '../ui/useAction.ts';
import { recoverWithPasskey } from './calls.ts';

interface ReadyPasskeyProps {
  onSignedIn: (account: Account) => void;
  /** The recovery is not ready any more (stopped, or too late): read it again. */
  onStale: () => void;
}

export function ReadyPasskey({ onSignedIn, onStale }: ReadyPasskeyProps) {
  const [revoke, setRevoke] = useState(true);
  const { busy, error, run } = useAction();

  const create = () =>
    run(async () => {
      try {
        onSignedIn(await recoverWithPasskey(revoke));
      } catch (e) {
        if (e instanceof ApiError && e.code === 'recovery_state') onStale();
        throw e;
      }
    });

  return (
    <>
      <ScreenHeading>{t('createHeading')}</ScreenHeading>
      <div role="status" aria-live="polite">
        <p class="notice">{t('canRecoverNow')}</p>
      </div>
      <label class="choice">
        <input type="checkbox" checked={revoke} onChange={(e) => setRevoke((e.target as HTMLInputElement).checked)} />
        {t('revokeOthers')}
      </label>
      {!revoke && <p class="hint">{t('othersStay')}</p>}
      <p class="hint">{t('deviceWillAsk')}</p>
      <button type="button" onClick={create} disabled={busy}>
        {busy ? t('creatingPasskey') : t('createPasskey')}
      </button>
      <Alert message={error} />
    </>
  );
}
