/** The outbox's messages, newest first, each with its channel, destination and text. */
import { when } from '../ui/time.ts';
import type { OutboxMessage } from './OutboxPage.tsx';

const channelNames = { sms: 'SMS', call: 'Voice call', email: 'E-mail' } as const;

const count = (n: number) => (n === 1 ? '1 message' : `${n} messages`);

export function OutboxMessages({ messages }: { messages: OutboxMessage[] }) {
  return (
    <>
      {/* Announced only when the number changes, not at every refresh. */}
      <p role="status" aria-live="polite">
        {messages.length === 0 ? 'No messages yet.' : count(messages.length)}
      </p>
      {messages.length > 0 && (
        <ol class="plain outbox">
          {messages.map((m) => (
            <li key={m.id}>
              <article aria-label={`${channelNames[m.channel]} to ${m.to}`}>
                <p class="meta">
                  {channelNames[m.channel]} to {m.to}, {when(m.at)}
                </p>
                <p class="outbox-text">{m.text}</p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
