/** Enough contacts confirmed: the waiting period, in which the owner's devices can still stop it. */
import { t } from '../i18n/en/recovery.ts';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { when } from '../ui/time.ts';
import type { RecoveryView } from './calls.ts';

export function Waiting({ view }: { view: RecoveryView }) {
  const ready = view.ready_at ? t('recoverableOn', { when: when(Date.parse(view.ready_at)) }) : t('recoverableSoon');
  return (
    <>
      <ScreenHeading>{t('almostThere')}</ScreenHeading>
      <div role="status" aria-live="polite">
        <p class="notice">{ready}</p>
      </div>
      <p>{t('keepOpen')}</p>
    </>
  );
}
