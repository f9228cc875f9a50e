/**
 * Account recovery on a new device, loaded only when opened from the welcome screen:
 * a code to the account's phone, then codes (or in-app approvals) from enough trusted contacts,
 * a waiting period, and a new passkey. One screen per step; the server's state decides which, so a
 * reload (the flow keeps `#recover` in the address) picks up where the device left off.
 */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api.ts';
import { t } from '../i18n/en/recovery.ts';
import type { Account } from '../passkey.ts';
import { Alert } from '../ui/Alert.tsx';
import { ChooseContacts } from './ChooseContacts.tsx';
import { CollectCodes } from './CollectCodes.tsx';
import { currentRecovery, endedStates, type RecoveryView } from './calls.ts';
import { Ended } from './Ended.tsx';
import { FirstCode } from './FirstCode.tsx';
import { ReadyPasskey } from './ReadyPasskey.tsx';
import { StartRecovery } from './StartRecovery.tsx';
import { Waiting } from './Waiting.tsx';

/** How often the screen reads the recovery again while others act on it (contacts, the wait). */
const pollMs = 3000;

export interface RecoveryProps {
  onSignedIn: (account: Account) => void;
  onBack: () => void;
}

export function Recovery({ onSignedIn, onBack }: RecoveryProps) {
  const [loaded, setLoaded] = useState(false);
  const [view, setView] = useState<RecoveryView | null>(null);
  const [undelivered, setUndelivered] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = async () => {
    try {
      const next = await currentRecovery();
      if (!next && view) setNotice(t('endedStartAgain'));
      setView(next);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoaded(true);
    }
  };

  // The flow's own address: a reload of the page comes back into it.
  useEffect(() => {
    history.replaceState(history.state, '', '#recover');
    void reload();
    return () => history.replaceState(history.state, '', location.pathname + location.search);
  }, []);

  // Contacts approve in their own apps, and the waiting period runs out, away from this device.
  const watching = view?.state === 'collecting' || view?.state === 'waiting';
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => void reload(), pollMs);
    return () => clearInterval(timer);
  }, [watching]);

  const startAgain = () => {
    setView(null);
    setNotice(null);
    setUndelivered([]);
  };

  if (!loaded) return <p role="status">{t('looking')}</p>;
  if (!view) {
    return (
      <>
        <StartRecovery onStarted={setView} onBack={onBack} notice={notice} />
        <Alert message={error} />
      </>
    );
  }
  let screen = null;
  if (endedStates.includes(view.state)) {
    screen = <Ended state={view.state} why={notice} onStartAgain={startAgain} onBack={onBack} />;
  } else if (view.state === 'first_factor') {
    screen = (
      <FirstCode
        view={view}
        onChange={setView}
        onClosed={setNotice}
        onStale={() => void reload()}
        onStartAgain={startAgain}
      />
    );
  } else if (view.state === 'choose_contacts') {
    screen = (
      <ChooseContacts
        view={view}
        onAsked={(next, missed) => {
          setUndelivered(missed);
          setView(next);
        }}
      />
    );
  } else if (view.state === 'collecting') {
    screen = <CollectCodes view={view} undelivered={undelivered} onChange={setView} onAsked={setUndelivered} />;
  } else if (view.state === 'waiting') {
    screen = <Waiting view={view} />;
  } else {
    screen = <ReadyPasskey onSignedIn={onSignedIn} onStale={() => void reload()} />;
  }
  return (
    <>
      {screen}
      <Alert message={error} />
    </>
  );
}
