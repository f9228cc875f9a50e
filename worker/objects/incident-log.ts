/**
 * IncidentLog: failed, reported and denied call verifications and aborted recoveries, for agents and admins to review.
 * One object (`idFromName('incidents')`): written only when a call fails, is reported or denied, so it is never hot.
 */
import { DurableObject } from 'cloudflare:workers';
import { isStoredText, textLimits } from '../../shared/text.ts';
import { now } from '../core/clock.ts';
import type { Env } from '../env.ts';
import { type Migration, migrate } from './schema-migrations.ts';

export interface IncidentInput {
  /**
   * A call failed or reported, a recovery a trusted contact said they were not asked about
   *, or a call the customer said they were not on (someone may be calling the
   * bank as them).
   */
  kind: 'call_failed' | 'call_reported' | 'recovery_aborted' | 'customer_denied_call';
  callId: string;
  agent: { displayName: string; team: string | null };
  customerHandle: string;
  failedOn: 'customer_code' | 'agent_code' | null;
  note: string | null;
}

export interface Incident extends IncidentInput {
  seq: number;
  at: number;
}

type IncidentRow = {
  seq: number;
  at: number;
  kind: Incident['kind'];
  call_id: string;
  agent_name: string;
  agent_team: string | null;
  customer_handle: string;
  failed_on: Incident['failedOn'];
  note: string | null;
};

const kinds = new Set(['call_failed', 'call_reported', 'recovery_aborted', 'customer_denied_call']);

/** IncidentLog's schema versions (schema-migrations.ts); version 1 is the schema before migrations. */
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `CREATE TABLE IF NOT EXISTS incidents (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL, call_id TEXT NOT NULL,
      agent_name TEXT NOT NULL, agent_team TEXT, customer_handle TEXT NOT NULL, failed_on TEXT, note TEXT)`,
  },
];

export class IncidentLog extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'IncidentLog', migrations);
  }

  /** Appends an incident; false when it is not one (text is checked by the rule it was typed under). */
  record(incident: IncidentInput): boolean {
    if (!kinds.has(incident?.kind) || typeof incident.callId !== 'string') return false;
    const { displayName, team } = incident.agent ?? {};
    if (!isStoredText(displayName, textLimits.personName)) return false;
    if (team !== null && !isStoredText(team, textLimits.team)) return false;
    if (incident.note !== null && !isStoredText(incident.note, textLimits.reportNote)) return false;
    this.#sql.exec(
      'INSERT INTO incidents (at, kind, call_id, agent_name, agent_team, customer_handle, failed_on, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      now(),
      incident.kind,
      incident.callId.slice(0, 64),
      displayName,
      team,
      String(incident.customerHandle).slice(0, 32),
      incident.failedOn ?? null,
      incident.note || null,
    );
    return true;
  }

  /** The newest incidents first. */
  list(limit = 100): Incident[] {
    const n = Math.min(500, Math.max(1, Math.trunc(Number(limit)) || 100));
    return this.#sql
      .exec<IncidentRow>('SELECT * FROM incidents ORDER BY seq DESC LIMIT ?', n)
      .toArray()
      .map((r) => ({
        seq: r.seq,
        at: r.at,
        kind: r.kind,
        callId: r.call_id,
        agent: { displayName: r.agent_name, team: r.agent_team },
        customerHandle: r.customer_handle,
        failedOn: r.failed_on,
        note: r.note,
      }));
  }
}
