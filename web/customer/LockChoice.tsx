/**
 * "This wasn't me" on an urgent card: the choice a scam victim needs, said plainly. Lock the account
 * (POST /api/me/lock: a safe action, no fingerprint asked; every other device signed out, recoveries
 * stopped, nothing paid, added or changed until the bank unlocks it) and/or call the bank's real number.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { LockView } from '../../shared/lock.ts';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/lock.ts';
import { Alert } from '../ui/Alert.tsx';
import { useBank } from '../ui/bank.ts';
import { CallBank } from '../ui/CallBank.tsx';
import { useAction } from '../ui/useAction.ts';

export function LockChoice({
  id,
  onLocked,
  onBack,
}: {
  id: string;
  onLocked: (lock: LockView) => void;
  onBack: () => void;
}) {
  const bank = useBank()?.bankName ?? '';
  const heading = useRef<HTMLHeadingElement>(null);
  const { busy, error, run } = useAction();
  useEffect(() => heading.current?.focus(), []);
  const lock = () => run(async () => onLocked((await unwrap(client.api.me.lock.$post())).lock));
  return (
    <div class="lock-choice">
      <h3 id={id} ref={heading} tabIndex={-1}>
        {t('chooseHeading')}
      </h3>
      <p>{t('chooseIntro', { bank })}</p>
      <p>{t('lockExplained', { bank })}</p>
      <div class="actions">
        <button type="button" class="danger-solid" disabled={busy} onClick={lock}>
          {busy ? t('locking') : t('lockButton')}
        </button>
        <CallBank class="button" label={(b) => t('callBank', { bank: b.bankName, phone: b.bankPhone })} />
        <button type="button" class="secondary" disabled={busy} onClick={onBack}>
          {t('back')}
        </button>
      </div>
      <Alert message={error} />
    </div>
  );
}
