/** A recovery that ended without a new passkey (or with one, seen after a reload): what happened. */
import type { RecoveryState } from '../../shared/recovery.ts';
import { ScreenHeading } from '../ui/CallStatus.tsx';

const endings: Partial<Record<RecoveryState, { title: string; text: string }>> = {
  aborted: {
    title: 'Recovery stopped',
    text: 'One of your contacts said you did not ask them. This recovery was stopped.',
  },
  canceled: {
    title: 'Recovery cancelled',
    text: 'This recovery was cancelled from a device that is signed in to the account.',
  },
  expired: {
    title: 'Recovery ended',
    text: 'This recovery ended: it took too long, or a code was wrong too many times.',
  },
  completed: {
    title: 'Account recovered',
    text: 'This recovery is complete. Sign in with the passkey you created.',
  },
};

interface EndedProps {
  state: RecoveryState;
  /** Why, when this device knows better than the state says (the first code closed). */
  why: string | null;
  onStartAgain: () => void;
  onBack: () => void;
}

export function Ended({ state, why, onStartAgain, onBack }: EndedProps) {
  const ending = endings[state] ?? { title: 'Recovery ended', text: 'This recovery has ended.' };
  return (
    <>
      <ScreenHeading>{ending.title}</ScreenHeading>
      <div role="alert">
        <p class={state === 'completed' ? 'notice' : 'alert'}>{(state === 'expired' && why) || ending.text}</p>
      </div>
      <div class="actions">
        {state !== 'completed' && (
          <button type="button" onClick={onStartAgain}>
            Start again
          </button>
        )}
        <button type="button" class="secondary" onClick={onBack}>
          Back to sign in
        </button>
      </div>
    </>
  );
}
