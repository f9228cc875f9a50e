/** A recovery that ended without a new passkey (or with one, seen after a reload): what happened. */
import type { RecoveryState } from '../../shared/recovery.ts';
import { t } from '../i18n/en/recovery.ts';
import { ScreenHeading } from '../ui/CallStatus.tsx';

type Key = Parameters<typeof t>[0];

/** The heading and the words of each ending (keys of the catalogue: read in the language of the moment). */
const endings: Partial<Record<RecoveryState, { title: Key; text: Key }>> = {
  aborted: { title: 'stoppedTitle', text: 'stoppedText' },
  canceled: { title: 'cancelledTitle', text: 'cancelledText' },
  expired: { title: 'endedTitle', text: 'expiredText' },
  completed: { title: 'recoveredTitle', text: 'recoveredText' },
};

interface EndedProps {
  state: RecoveryState;
  /** Why, when this device knows better than the state says (the first code closed). */
  why: string | null;
  onStartAgain: () => void;
  onBack: () => void;
}

export function Ended({ state, why, onStartAgain, onBack }: EndedProps) {
  const ending = endings[state] ?? { title: 'endedTitle', text: 'endedText' };
  return (
    <>
      <ScreenHeading>{t(ending.title)}</ScreenHeading>
      <div role="alert">
        <p class={state === 'completed' ? 'notice' : 'alert'}>{(state === 'expired' && why) || t(ending.text)}</p>
      </div>
      <div class="actions">
        {state !== 'completed' && (
          <button type="button" onClick={onStartAgain}>
            {t('startAgain')}
          </button>
        )}
        <button type="button" class="secondary" onClick={onBack}>
          {t('backToSignIn')}
        </button>
      </div>
    </>
  );
}
