/**
 * `/recovery/abort#r=<recovery>&t=<token>`: the link in a trusted contact's text message. No sign-in:
 * the token is the proof. A contact who was not asked for a code stops the recovery here, and it is
 * reported. The token rides in the fragment, so it never reaches a server log.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { abortRecovery } from './calls.ts';

const brokenLink = 'This link is incomplete. Open it again from the text message, exactly as it came.';
const endedAlready =
  'This recovery has ended already, or it was stopped: there is nothing more to do. If you think someone is trying to get into the account, tell them, or call the bank on the number on its card.';

/** The recovery and the token from the address's fragment, or null when they are not both there. */
function linkParts(): { recovery: string; token: string } | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const recovery = params.get('r');
  const token = params.get('t');
  return recovery && token ? { recovery, token } : null;
}

export function AbortPage() {
  const [link] = useState(linkParts);
  const [busy, setBusy] = useState(false);
  const [stopped, setStopped] = useState(false);
  const [error, setError] = useState<string | null>(link ? null : brokenLink);

  useEffect(() => {
    document.title = 'Stop a recovery · Countersign';
  }, []);

  const stop = async () => {
    if (!link) return;
    setBusy(true);
    setError(null);
    try {
      await abortRecovery(link.recovery, link.token);
      setStopped(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setError(endedAlready);
      else if (e instanceof ApiError && e.code === 'invalid_input') setError(brokenLink);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ScreenHeading>Did they ask you for a code?</ScreenHeading>
      <p>
        Someone is trying to recover an account and named you as a trusted contact. If they did not ask you for a code,
        stop it here.
      </p>
      <p class="hint">
        If they did ask you, and you checked it is really them, there is nothing to do on this page. Never share a code
        with someone you have not checked.
      </p>
      {link && !stopped && (
        <button type="button" onClick={() => void stop()} disabled={busy}>
          {busy ? 'Stopping the recovery…' : 'They did not ask me — stop this recovery'}
        </button>
      )}
      <Status message={stopped ? 'The recovery was stopped and reported.' : null} />
      <Alert message={error} />
    </>
  );
}
