/**
 * Home while the account is locked: the first thing on the screen, in the danger colour, with what
 * the lock did, the bank's real number and what happens next (the bank verifies the call, then
 * unlocks). The heading takes the focus when the lock has just been made.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { LockView } from '../../shared/lock.ts';
import { t } from '../i18n/en/lock.ts';
import { useBank } from '../ui/bank.ts';
import { CallBank } from '../ui/CallBank.tsx';
import { StateIcon } from '../ui/StateIcon.tsx';
import { when } from '../ui/time.ts';

export function AccountLocked({ lock, focus }: { lock: LockView; focus: boolean }) {
  const bank = useBank();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <section class="outcome outcome-danger locked" aria-labelledby="locked-heading">
      <div class="outcome-head">
        <StateIcon kind="danger" size={32} />
        <h2 id="locked-heading" ref={heading} tabIndex={-1}>
          {t('lockedHeading')}
        </h2>
      </div>
      <p>
        {t('lockedSince', { when: when(lock.lockedAt) })} {t('lockedWhat')}
      </p>
      <p class="claimed">
        <strong>{t('lockedNext', { bank: bank?.bankName ?? '', phone: bank?.bankPhone ?? '' })}</strong>
      </p>
      <CallBank class="button danger-solid" label={(b) => t('callBank', { bank: b.bankName, phone: b.bankPhone })} />
    </section>
  );
}
