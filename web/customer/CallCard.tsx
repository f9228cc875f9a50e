/**
 * "{t('calling')}": live, any call the bank is verifying with this customer, or the
 * warning a scam victim needs. A new call opens its screen by itself.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CallSummary, LiveMessage } from '../../shared/call-view.ts';
import { type ProtectionLiveMessage, protectionChangeText } from '../../shared/protection.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { t } from '../i18n/en/core.ts';
import { agentName } from '../ui/call.ts';
import { useLiveSocket } from '../ui/live.ts';
import { clockTime } from '../ui/time.ts';

/** A text with its `{agent}` in bold (the agent's name stands out, in every language). */
function withStrong(text: string, agent: string) {
  const [before, after = ''] = text.split('{agent}');
  return (
    <>
      {before}
      <strong>{agent}</strong>
      {after}
    </>
  );
}

// Calls whose screen has opened once in this page: going back home does not reopen them.
const opened = new Set<string>();

const socketPath = client.api.live.socket.$url().pathname;

export function CallCard({
  onOpen,
  onSecurity,
}: {
  onOpen: (callId: string) => void;
  /** A change to how the account is protected was just made (on this or another device). */
  onSecurity?: (what: string) => void;
}) {
  const [calls, setCalls] = useState<CallSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = (next: CallSummary[]) => {
    setError(null);
    setCalls(next);
    const fresh = next.find((c) => c.state === 'awaiting_customer' && !opened.has(c.id));
    if (fresh) open(fresh.id);
  };
  const open = (id: string) => {
    opened.add(id);
    onOpen(id);
  };
  const load = () =>
    unwrap(client.api.live.calls.$get())
      .then((r) => show(r.calls))
      .catch((e) => setError(messageOf(e)));
  useEffect(() => {
    void load();
  }, []);
  useLiveSocket(socketPath, {
    onMessage: (received) => {
      // The same socket tells every open app of a protection change (DESIGN.md: announced on every device).
      const message = received as LiveMessage | ProtectionLiveMessage;
      if (message.type === 'calls') show(message.calls);
      else if (message.type === 'security') onSecurity?.(protectionChangeText[message.change] ?? '');
    },
    onDrop: () => void load(),
  });

  return (
    <section class="card" aria-labelledby="calling-heading">
      <h2 id="calling-heading">{t('calling')}</h2>
      <div role="status" aria-live="polite">
        {calls === null && !error && <p>{t('checking')}</p>}
        {calls?.length === 0 && <p class="warning">{t('notCalling')}</p>}
        {calls && calls.length > 0 && (
          <ul class="plain">
            {calls.map((c) =>
              c.state === 'verified' ? (
                <li key={c.id}>
                  <span>{withStrong(t('verifiedCall', { time: clockTime(c.updatedAt) }), agentName(c.agent))}</span>
                </li>
              ) : (
                <li key={c.id}>
                  <span>{withStrong(t('askingToVerify', { time: clockTime(c.startedAt) }), agentName(c.agent))}</span>
                  <button type="button" class="small" onClick={() => open(c.id)}>
                    {t('open')}
                    <span class="sr-only">{t('openCallFrom', { name: c.agent.displayName })}</span>
                  </button>
                </li>
              ),
            )}
          </ul>
        )}
      </div>
      {error && <p class="alert">{error}</p>}
    </section>
  );
}
