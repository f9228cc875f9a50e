/** The code sent to the account's own phone: the first factor of a recovery. */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { t } from '../i18n/en/recovery.ts';
import { ScreenHeading } from '../ui/CallStatus.tsx';
import { CodeForm, tries } from '../ui/codes.tsx';
import { checkFirstCode, type RecoveryView } from './calls.ts';

// OTP_MAX_CHECKS by default; the answers to wrong codes say how many are left.
const firstTries = 5;

/** Why the code stopped working, from the verification's status. */
const closedWhy = (status: string) => (status === 'max_attempts_reached' ? t('firstTooMany') : t('firstClosed'));

interface FirstCodeProps {
  view: RecoveryView;
  onChange: (view: RecoveryView) => void;
  /** The code stopped working (too many tries, expired): why, in words. */
  onClosed: (why: string) => void;
  /** The recovery moved on without this screen (another tab, expiry): read it again. */
  onStale: () => void;
  onStartAgain: () => void;
}

export function FirstCode({ view, onChange, onClosed, onStale, onStartAgain }: FirstCodeProps) {
  const [triesLeft, setTriesLeft] = useState(firstTries);

  const check = async (code: string) => {
    let answer: Awaited<ReturnType<typeof checkFirstCode>>;
    try {
      answer = await checkFirstCode(code);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 409) throw e;
      onClosed(closedWhy('expired'));
      onStale();
      return null;
    }
    if (answer.status === 'pending' && answer.attempts_left > 0) {
      setTriesLeft(answer.attempts_left);
      return { triesLeft: answer.attempts_left, message: t('notRight', { tries: tries(answer.attempts_left) }) };
    }
    if (answer.status !== 'approved' && answer.status !== 'pending') onClosed(closedWhy(answer.status));
    onChange(answer.recovery);
    return null;
  };

  // The masked number in bold, where the sentence of the language puts it.
  const [sentBefore, sentAfter] = t('sentTo').split('{to}');
  return (
    <>
      <ScreenHeading>{t('checkPhone')}</ScreenHeading>
      <p>
        {sentBefore}
        <strong>{view.to}</strong>
        {sentAfter}
      </p>
      <p class="hint">{t('notYourPhone')}</p>
      <CodeForm
        id="recovery-first-code"
        label={t('firstCodeLabel')}
        triesLeft={triesLeft}
        submitLabel={t('checkCode')}
        onCheck={check}
      />
      <button type="button" class="secondary" onClick={onStartAgain}>
        {t('startAgain')}
      </button>
    </>
  );
}
