/**
 * `/dev/outbox`: the codes a development server "sent" by SMS, voice or e-mail, read from
 * `GET /api/dev/outbox` (which exists only with DELIVERY=outbox on a localhost origin). No sign-in:
 * it stands in for the phones and mailboxes of a dev laptop.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, client, messageOf, unwrap } from '../api.ts';
import { Alert } from '../ui/Alert.tsx';
import { Field } from '../ui/Field.tsx';
import { OutboxMessages } from './OutboxMessages.tsx';

export type OutboxMessage = Awaited<ReturnType<typeof readOutbox>>[number];

const refreshMs = 3000;

const readOutbox = async (to: string) =>
  (await unwrap(client.api.dev.outbox.$get({ query: to ? { to } : {} }))).messages;

type Outbox = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'read'; messages: OutboxMessage[]; at: number };

export function OutboxPage() {
  const [typed, setTyped] = useState('');
  const [filter, setFilter] = useState('');
  const [outbox, setOutbox] = useState<Outbox>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Dev outbox · Countersign';
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const messages = await readOutbox(filter);
        if (stopped) return;
        setOutbox({ kind: 'read', messages, at: Date.now() });
        setError(null);
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && e.status === 404) return setOutbox({ kind: 'unavailable' });
        setError(messageOf(e));
      }
      timer = setTimeout(read, refreshMs);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [filter]);

  const submit = (event: Event) => {
    event.preventDefault();
    setOutbox({ kind: 'loading' });
    setFilter(typed.trim());
  };

  return (
    <>
      <h1>Dev outbox</h1>
      {outbox.kind === 'unavailable' ? (
        <p class="notice">
          The dev outbox is not available on this deployment: it exists only on a development server that sends no real
          messages.
        </p>
      ) : (
        <>
          <p class="warning">
            <strong>Development only: these messages were not sent.</strong> The server stored them here instead of
            texting, calling or e-mailing anyone.
          </p>
          <form onSubmit={submit} noValidate>
            <Field
              id="outbox-to"
              label="Phone number or e-mail"
              hint="Exactly as it was sent to, e.g. +447911123456. Leave empty for every message."
              value={typed}
              onInput={setTyped}
              autoComplete="off"
            />
            <button type="submit">Show messages</button>
          </form>
          <section class="card" aria-labelledby="outbox-heading" aria-busy={outbox.kind === 'loading'}>
            <h2 id="outbox-heading">{filter ? `Messages to ${filter}` : 'All messages'}, newest first</h2>
            {outbox.kind === 'loading' && <p>Loading messages…</p>}
            {outbox.kind === 'read' && (
              <>
                <p class="meta">
                  Refreshes every few seconds. Last read at {new Date(outbox.at).toLocaleTimeString()}.
                </p>
                <OutboxMessages messages={outbox.messages} />
              </>
            )}
          </section>
          <Alert message={error} />
        </>
      )}
    </>
  );
}
