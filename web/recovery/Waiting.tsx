/** Enough contacts confirmed: the waiting period, in which the owner's devices can still stop it. */
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { when } from '../ui/time.ts';
import type { RecoveryView } from './calls.ts';

export function Waiting({ view }: { view: RecoveryView }) {
  const readyAt = view.ready_at ? when(Date.parse(view.ready_at)) : 'soon';
  return (
    <>
      <ScreenHeading>Almost there</ScreenHeading>
      <div role="status" aria-live="polite">
        <p class="notice">
          Your contacts confirmed it is you. For your safety, your account can be recovered on {readyAt}. Every device
          of yours and every contact has been told.
        </p>
      </div>
      <p>
        Keep this page open, or come back to it on this device: it moves on by itself. If someone stops the recovery
        from one of your devices in the meantime, it ends here.
      </p>
    </>
  );
}
