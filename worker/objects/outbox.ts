/**
 * Outbox: the dev provider's messages, readable at `GET /api/dev/outbox` instead of being sent.
 * One object (`idFromName('outbox')`), dev only; it keeps the newest 500 messages.
 */
import { DurableObject } from 'cloudflare:workers';
import { now } from '../core/clock.ts';
import { randomToken } from '../core/random.ts';
import type { Delivery } from '../delivery/types.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate } from './schema-migrations.ts';

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'call' | 'email';
  to: string;
  text: string;
  at: number;
}

const channels = new Set(['sms', 'call', 'email']);
const kept = 500;

/** Outbox's schema versions (schema-migrations.ts); version 1 is the schema before migrations. */
export const outboxMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `CREATE TABLE IF NOT EXISTS messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, channel TEXT NOT NULL,
      recipient TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL)`,
  },
  // `list(to)` reads one destination's messages, newest first, out of up to 500.
  { version: 2, name: 'messages by recipient', up: 'CREATE INDEX messages_by_recipient ON messages (recipient, seq)' },
];

export class Outbox extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'Outbox', outboxMigrations);
  }

  /** Stores one message and drops all but the newest 500. */
  store(channel: string, to: string, text: string): Delivery {
    if (!channels.has(channel) || typeof to !== 'string' || typeof text !== 'string' || to.length > 320) {
      return { ok: false, reason: 'rejected', message: 'not a channel, a destination and a text' };
    }
    const id = `OB${randomToken(16)}`;
    this.#sql.exec(
      'INSERT INTO messages (id, channel, recipient, text, at) VALUES (?, ?, ?, ?, ?)',
      id,
      channel,
      to,
      text.slice(0, 2000),
      now(),
    );
    this.#sql.exec('DELETE FROM messages WHERE seq <= (SELECT MAX(seq) FROM messages) - ?', kept);
    return { ok: true, value: { id } };
  }

  /** The messages to `to` (exactly), or all of them, newest first. */
  list(to?: string): OutboxMessage[] {
    const rows =
      typeof to === 'string'
        ? this.#sql.exec('SELECT * FROM messages WHERE recipient = ? ORDER BY seq DESC', to)
        : this.#sql.exec('SELECT * FROM messages ORDER BY seq DESC');
    return rows.toArray().map((r) => ({
      id: String(r.id),
      channel: r.channel as OutboxMessage['channel'],
      to: String(r.recipient),
      text: String(r.text),
      at: Number(r.at),
    }));
  }
}
