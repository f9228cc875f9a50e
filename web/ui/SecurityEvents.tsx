/** Recent security events of the account, from its audit log. */
import { useEffect, useState } from 'preact/hooks';
import type { AuditEvent } from '../../shared/account.ts';
import { client, messageOf, unwrap } from '../api.ts';
import { english, t } from '../i18n/en/events.ts';
import { when } from './time.ts';

export function SecurityEvents({ refresh }: { refresh: number }) {
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    unwrap(client.api.me.audit.$get())
      .then((r) => setEvents(r.events))
      .catch((e) => setError(messageOf(e)));
  }, [refresh]);

  return (
    <section class="card" aria-labelledby="events-heading">
      <h2 id="events-heading">{t('heading')}</h2>
      {error && <p class="alert">{error}</p>}
      {events === null && !error && <p>{t('loading')}</p>}
      {events && events.length === 0 && <p>{t('none')}</p>}
      {events && events.length > 0 && (
        <ul class="plain">
          {events.slice(0, 15).map((e) => (
            <li key={e.seq}>
              <span>{Object.hasOwn(english, e.type) ? t(e.type) : e.type}</span>
              <span class="meta">{when(e.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
