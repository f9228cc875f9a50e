/**
 * "We sent a code to +44 •••• ••• 123": where the one-time code went, the field to type it, a new
 * code (again, or by another channel) once the cool-down is over, and a way out. What the buttons
 * do is the caller's: the customer's own verifications and the sign-in step-up use other routes.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api.ts';
import { t } from '../i18n/en/core.ts';
import { Alert, Status } from './Alert.tsx';
import { ExpiresIn } from './CallStatus.tsx';
import { CodeForm } from './codes.tsx';
import type { Channel, VerificationView } from './otp.ts';
import { countdown, useNow } from './time.ts';

interface CodeSentProps {
  /** Prefix of the element ids (several of these can be on one screen). */
  id: string;
  verification: VerificationView;
  /** The channels a new code may go by. */
  channels: Channel[];
  submitLabel: string;
  onCheck: (code: string) => Promise<{ triesLeft: number; message?: string } | null>;
  /** Sends a new code; answers the verification as it now stands. */
  onResend: (channel: Channel) => Promise<VerificationView>;
  onCancel: () => void;
  cancelLabel?: string;
}

/** A text with its `{time}` replaced by a live countdown. */
function withTime(text: string, time: ComponentChildren) {
  const [before, after = ''] = text.split('{time}');
  return (
    <>
      {before}
      {time}
      {after}
    </>
  );
}

export function CodeSent(props: CodeSentProps) {
  const v = props.verification;
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  // Set after the first render, so that the live region is there first and the message is announced.
  useEffect(() => {
    setSent(t(sent === null ? 'sentCode' : 'sentNewCode', { to: v.to, by: t(`byChannel_${v.channel}`) }));
  }, [v.id, v.channel, v.sends_left]);

  const wait = Date.parse(v.resend_after) - now;
  const resend = async (channel: Channel) => {
    setBusy(true);
    setError(null);
    try {
      await props.onResend(channel);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const resendHint =
    v.sends_left <= 0 ? t('noMoreCodes') : wait > 0 ? t('resendIn', { time: countdown(wait) }) : t('resendNow');
  return (
    <div>
      <Status message={sent} />
      <p class="hint">{withTime(t('worksFor'), <ExpiresIn at={Date.parse(v.expires_at)} />)}</p>
      <CodeForm
        id={`${props.id}-code`}
        label={t('codeWeSent')}
        triesLeft={v.attempts_left}
        submitLabel={props.submitLabel}
        onCheck={props.onCheck}
      />
      <p class="hint" id={`${props.id}-resend-hint`}>
        {resendHint}
      </p>
      <div class="actions">
        {props.channels.map((channel) => (
          <button
            key={channel}
            type="button"
            class="secondary"
            disabled={busy || wait > 0 || v.sends_left <= 0}
            aria-describedby={`${props.id}-resend-hint`}
            onClick={() => void resend(channel)}
          >
            {t(channel === v.channel ? 'sendAgain' : 'sendInstead', { by: t(`byChannel_${channel}`) })}
          </button>
        ))}
        <button type="button" class="secondary" disabled={busy} onClick={props.onCancel}>
          {props.cancelLabel ?? t('cancel')}
        </button>
      </div>
      <Alert message={error} />
    </div>
  );
}
