/**
 * When a sign-in also needs a code (only when something looks unusual, or always) and how codes are
 * sent. Without a verified phone or e-mail no code can be sent, so none is asked for.
 */
import { useEffect, useState } from 'preact/hooks';
import { client, unwrap } from '../api.ts';
import { t } from '../i18n/en/banking.ts';
import { Alert, Status } from '../ui/Alert.tsx';
import { ChannelChoice } from '../ui/ChannelChoice.tsx';
import { useLoad } from '../ui/load.ts';
import { type Channel, channelsFor } from '../ui/otp.ts';
import { useAction } from '../ui/useAction.ts';
import { protectionAssertion } from './fresh-passkey.ts';

type StepUpChoice = 'risk' | 'always';

const allChannels: Channel[] = ['sms', 'call', 'email'];

export function SignInSettings({ contacts }: { contacts: { phone: string | null; email: string | null } | null }) {
  const saved = useLoad(async () => (await unwrap(client.api.me.preferences.$get())).preferences);
  const [stepUp, setStepUp] = useState<StepUpChoice>('risk');
  const [channel, setChannel] = useState<Channel>('sms');
  const [status, setStatus] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    if (!saved.data) return;
    setStepUp(saved.data.stepUp);
    setChannel(saved.data.otpChannel);
  }, [saved.data]);

  const reachable = contacts ? channelsFor(contacts) : allChannels;
  const unavailable: Partial<Record<Channel, string>> = {};
  for (const c of allChannels) {
    if (!reachable.includes(c) && c !== channel)
      unavailable[c] = c === 'email' ? 'no verified e-mail' : 'no verified phone';
  }

  const save = (event: Event) => {
    event.preventDefault();
    setStatus(null);
    void run(async () => {
      // A change of how sign-in is protected: confirmed with the passkey first.
      const assertion = await protectionAssertion('settings');
      await unwrap(
        client.api.me.preferences.$put({
          json: { stepUp, otpChannel: channel, ...(assertion as { ceremonyId: string; credential: never }) },
        }),
      );
      await saved.reload();
      setStatus(
        stepUp === 'always'
          ? 'Saved. We will ask for a code every time you sign in.'
          : 'Saved. We will ask for a code only when a sign-in looks unusual.',
      );
    });
  };

  return (
    <section class="card" aria-labelledby="signin-settings-heading">
      <h2 id="signin-settings-heading">{t('signInSettings')}</h2>
      {saved.data === null && !saved.error && <p>{t('loadingSettings')}</p>}
      {saved.data && (
        <form onSubmit={save}>
          <fieldset>
            <legend>{t('whenSignIn')}</legend>
            <label class="choice">
              <input type="radio" name="step-up" checked={stepUp === 'risk'} onChange={() => setStepUp('risk')} />
              {t('askUnusual')}
            </label>
            <p class="hint">{t('unusualHint')}</p>
            <label class="choice">
              <input type="radio" name="step-up" checked={stepUp === 'always'} onChange={() => setStepUp('always')} />
              {t('askAlways')}
            </label>
          </fieldset>
          <ChannelChoice
            name="otp-channel"
            legend={t('sendCodesBy')}
            channels={allChannels}
            value={channel}
            onChange={setChannel}
            unavailable={unavailable}
          />
          {reachable.length === 0 && <p class="hint">{t('verifyPhoneFirstSettings')}</p>}
          <button type="submit" disabled={busy}>
            {busy ? t('confirmPasskey') : t('saveSettings')}
          </button>
          <p class="hint">{t('savingHint')}</p>
        </form>
      )}
      <Alert message={error ?? saved.error} />
      <Status message={status} />
    </section>
  );
}
