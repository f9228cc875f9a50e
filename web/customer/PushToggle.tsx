/**
 * "Call alerts": with the customer's permission, this device gets a notification (Web Push) when
 * an agent starts a call verification, even with the app closed. Hidden where the browser has no
 * Push API or the server has no VAPID key.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, client, messageOf, unwrap } from '../api.ts';
import { t } from '../i18n/en/core.ts';
import { Alert } from '../ui/Alert.tsx';

type AlertsState = 'checking' | 'hidden' | 'off' | 'on' | 'blocked';

const stateText = { checking: 'alertsChecking', on: 'alertsOn', off: 'alertsOff', blocked: 'alertsBlocked' } as const;

/** How long to wait for the service worker before giving up (it is installed on the first visit). */
const serviceWorkerWaitMs = 10_000;

function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window
  );
}

/** The server's key (base64url) as the bytes `pushManager.subscribe` wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether a subscription was made with this server key (a rotated key needs a new subscription). */
function madeWith(subscription: PushSubscription, key: string): boolean {
  const used = subscription.options.applicationServerKey;
  if (!used) return false;
  const a = new Uint8Array(used);
  const b = keyBytes(key);
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

async function readyServiceWorker(): Promise<ServiceWorkerRegistration> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error('The app is still installing on this device. Try again in a moment.')),
      serviceWorkerWaitMs,
    ),
  );
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/** What to tell the customer when turning alerts on or off failed. */
function alertsMessageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof DOMException && error.name === 'NotAllowedError') {
    return t('notifNotAllowed');
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return t('notifUnreachable');
  }
  return messageOf(error);
}

/** Subscribes this device with the server's key (replacing one made with another) and tells the server. */
async function subscribeAndTell(key: string): Promise<void> {
  const registration = await readyServiceWorker();
  const existing = await registration.pushManager.getSubscription();
  if (existing && !madeWith(existing, key)) await existing.unsubscribe();
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(key),
  });
  const keys = subscription.toJSON().keys ?? {};
  try {
    await unwrap(
      client.api.me['push-subscriptions'].$post({
        json: { endpoint: subscription.endpoint, keys: { p256dh: keys.p256dh ?? '', auth: keys.auth ?? '' } },
      }),
    );
  } catch (e) {
    // The server does not know this subscription: do not leave the browser subscribed to nothing.
    await subscription.unsubscribe().catch(() => undefined);
    throw e;
  }
}

/** `onUnavailable`: told when this browser or this server cannot have call alerts at all. */
export function PushToggle({ onUnavailable }: { onUnavailable?: () => void } = {}) {
  // Where the browser can have alerts, the card is there from the first paint (checking), so Home
  // does not shift when the answer comes.
  const [state, setState] = useState<AlertsState>(() => (pushSupported() ? 'checking' : 'hidden'));
  const [publicKey, setPublicKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!pushSupported()) {
      setState('hidden');
      return;
    }
    let live = true;
    (async (): Promise<AlertsState> => {
      const { publicKey: key } = await unwrap(client.api.push.key.$get());
      if (!key) return 'hidden';
      if (live) setPublicKey(key);
      if (Notification.permission === 'denied') return 'blocked';
      const subscription = await currentSubscription();
      if (Notification.permission !== 'granted') return 'off';
      if (subscription && madeWith(subscription, key)) return 'on';
      // Allowed, but the subscription was lost or made with an old key: renewed as the app opens.
      return subscribeAndTell(key).then(
        (): AlertsState => 'on',
        (): AlertsState => 'off',
      );
    })()
      .then((next) => live && setState(next))
      .catch(() => live && setState('hidden'));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (state === 'hidden') onUnavailable?.();
  }, [state]);

  const run = async (action: () => Promise<AlertsState>) => {
    setBusy(true);
    setError(null);
    try {
      setState(await action());
    } catch (e) {
      setError(alertsMessageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const turnOn = (key: string) =>
    run(async () => {
      const permission = await Notification.requestPermission();
      if (permission === 'denied') return 'blocked';
      if (permission !== 'granted') throw new Error(t('notifRefused'));
      await subscribeAndTell(key);
      return 'on';
    });

  const turnOff = () =>
    run(async () => {
      const subscription = await currentSubscription();
      if (subscription) {
        await unwrap(client.api.me['push-subscriptions'].$delete({ json: { endpoint: subscription.endpoint } }));
        await subscription.unsubscribe();
      }
      return 'off';
    });

  if (state === 'hidden' || (state !== 'checking' && publicKey === null)) return null;
  return (
    <section class="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">{t('alertsHeading')}</h2>
      <p class="hint">{t('alertsHint')}</p>
      <div role="status" aria-live="polite">
        <p id="alerts-state" class={state === 'on' ? 'notice' : undefined}>
          {t(stateText[state])}
        </p>
      </div>
      {state === 'checking' && (
        <button type="button" aria-describedby="alerts-state" disabled aria-busy="true">
          {t('turnOnAlerts')}
        </button>
      )}
      {state === 'off' && publicKey && (
        <button
          type="button"
          aria-describedby="alerts-state"
          disabled={busy}
          aria-busy={busy}
          onClick={() => turnOn(publicKey)}
        >
          {t('turnOnAlerts')}
        </button>
      )}
      {state === 'on' && (
        <button
          type="button"
          class="secondary"
          aria-describedby="alerts-state"
          disabled={busy}
          aria-busy={busy}
          onClick={turnOff}
        >
          {t('turnOffAlerts')}
        </button>
      )}
      <Alert message={error} />
    </section>
  );
}
