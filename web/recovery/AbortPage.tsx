/**
 * `/recovery/abort#r=<recovery>&t=<token>`: the link in a trusted contact's text message. No sign-in:
 * the token is the proof. A contact who was not asked for a code stops the recovery here, and it is
 * reported. The token rides in the fragment, so it never reaches a server log.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api.ts';
import { t } from '../i18n/en/recovery.ts';
import { adoptLanguage } from '../i18n/index.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { useBankName } from './bank-name.ts';
import { abortRecovery } from './calls.ts';

type Problem = 'brokenLink' | 'endedAlready' | { error: unknown };

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
  // Kept as a key, so that the words follow a switch of language.
  const [problem, setProblem] = useState<Problem | null>(link ? null : 'brokenLink');
  const bank = useBankName();

  // Nobody is signed in here: the language is this device's (the one chosen last, else the browser's).
  useEffect(() => void adoptLanguage(null).catch(() => undefined), []);
  useEffect(() => {
    document.title = t('abortTitle', { bank });
  });

  const stop = async () => {
    if (!link) return;
    setBusy(true);
    setProblem(null);
    try {
      await abortRecovery(link.recovery, link.token);
      setStopped(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setProblem('endedAlready');
      else if (e instanceof ApiError && e.code === 'invalid_input') setProblem('brokenLink');
      else setProblem({ error: e });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ScreenHeading>{t('didTheyAsk')}</ScreenHeading>
      <p>{t('someoneRecovering')}</p>
      <p class="hint">{t('ifTheyDid')}</p>
      {link && !stopped && (
        <button type="button" onClick={() => void stop()} disabled={busy}>
          {busy ? t('stopping') : t('stopIt')}
        </button>
      )}
      <Status message={stopped ? t('stoppedReported') : null} />
      <Alert message={typeof problem === 'string' ? t(problem) : problem && messageOf(problem.error)} />
    </>
  );
}
