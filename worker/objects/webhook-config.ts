/**
 * WebhookConfig: the admin's webhook endpoints, one small object (`idFromName('webhooks')`).
 * Written only when an admin adds or deletes an endpoint; read by the WebhookOutbox shards when they
 * deliver (each keeps what it read for a short while), never by the ceremonies on a status change.
 * Each endpoint's signing secret is made here, returned once, and kept to sign (never returned again).
 * Every change needs the admin's fresh passkey assertion (`staff_webhook`), used up here, whoever
 * calls (DESIGN.md: every effect carries its proof), and is a security event on the admin's Account.
 * Table `endpoints` (docs/storage.md).
 */
import { DurableObject } from 'cloudflare:workers';
import { type WebhookEndpointWire, type WebhookEventType, webhookEventTypes } from '../../shared/webhooks.ts';
import type { RequestContext } from '../core/account-rules.ts';
import { now } from '../core/clock.ts';
import { toHex } from '../core/hash.ts';
import { randomToken } from '../core/random.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { webhookUrlAllowed } from '../core/webhook-rules.ts';
import type { Env } from '../env.ts';
import { passkeyApproval } from './account/proofs.ts';
import { type Migration, migrate } from './schema-migrations.ts';
import { accountOf } from './stubs.ts';

export type WebhookConfigRefusal = 'invalid' | 'url_not_allowed' | 'too_many' | 'not_found' | 'no_proof';

/** Who changes the endpoints: the admin, the PasskeyChallenge of their fresh assertion, the request. */
export interface WebhookChanger {
  adminId: string;
  proofId: string;
  context: RequestContext;
}

const hex64 = /^[0-9a-f]{64}$/;
const validChanger = (by: WebhookChanger) =>
  typeof by?.adminId === 'string' && hex64.test(by.adminId) && typeof by.proofId === 'string';
/** The endpoint's host, for the audit log (the whole URL may carry a path the bank chose). */
const hostOf = (url: string) => new URL(url).host.slice(0, 253);

/** An endpoint with what a shard needs to deliver to it. */
export interface DeliveryEndpoint {
  id: string;
  url: string;
  types: WebhookEventType[];
  secret: string;
}

/** At most this many endpoints: every event is posted to each that subscribed. */
export const maxWebhookEndpoints = 10;

type EndpointRow = {
  endpoint_id: string;
  url: string;
  types: string;
  secret: string;
  created_at: number;
  created_by: string;
};

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: `CREATE TABLE IF NOT EXISTS endpoints (
      endpoint_id TEXT PRIMARY KEY, url TEXT NOT NULL, types TEXT NOT NULL, secret TEXT NOT NULL,
      created_at INTEGER NOT NULL, created_by TEXT NOT NULL)`,
  },
];

const wire = (row: EndpointRow): WebhookEndpointWire => ({
  id: row.endpoint_id,
  url: row.url,
  types: JSON.parse(row.types) as WebhookEventType[],
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export class WebhookConfig extends DurableObject<Env> {
  #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    migrate(ctx.storage, 'WebhookConfig', migrations);
  }

  /**
   * Adds an endpoint; its secret is in the answer, once. The URL rule is checked here again, and
   * the admin's fresh assertion is used up here before anything is written.
   */
  async create(
    input: { url: string; types: WebhookEventType[]; createdBy: string },
    by: WebhookChanger,
  ): Promise<Result<{ endpoint: WebhookEndpointWire; secret: string }, WebhookConfigRefusal>> {
    const types = Array.isArray(input?.types) ? [...new Set(input.types)] : [];
    if (types.length === 0 || !types.every((t) => webhookEventTypes.includes(t))) return fail('invalid');
    if (typeof input.createdBy !== 'string' || input.createdBy.length > 64) return fail('invalid');
    if (!webhookUrlAllowed(input.url, this.env.ORIGIN)) return fail('url_not_allowed');
    if (!validChanger(by)) return fail('no_proof');
    if (!(await passkeyApproval(this.env, by.adminId, by.proofId, 'staff_webhook'))) return fail('no_proof');
    // Counted after the await, with no await before the write: two concurrent adds cannot make 11.
    const count = this.#sql.exec<{ n: number }>('SELECT count(*) AS n FROM endpoints').one().n;
    if (count >= maxWebhookEndpoints) return fail('too_many');
    const id = `wh_${toHex(crypto.getRandomValues(new Uint8Array(8)))}`;
    // 256 random bits; the receiver uses the whole string as its HMAC key (shared/webhook-signature.ts).
    const secret = `whsec_${randomToken(32)}`;
    this.#sql.exec(
      'INSERT INTO endpoints (endpoint_id, url, types, secret, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      id,
      input.url,
      JSON.stringify(types),
      secret,
      now(),
      input.createdBy,
    );
    await accountOf(this.env, by.adminId).recordWebhookChange(
      'added',
      { endpoint: id, host: hostOf(input.url), types: types.join(' ') },
      by.context,
    );
    return ok({ endpoint: wire(this.#row(id) as EndpointRow), secret });
  }

  /** Every endpoint, newest first, without secrets. */
  list(): WebhookEndpointWire[] {
    return this.#sql.exec<EndpointRow>('SELECT * FROM endpoints ORDER BY created_at DESC').toArray().map(wire);
  }

  /**
   * Deletes an endpoint, with the admin's fresh assertion used up here: what is still queued for it
   * is not sent (marked failed by the shards).
   */
  async remove(id: string, by: WebhookChanger): Promise<Result<null, WebhookConfigRefusal>> {
    if (typeof id !== 'string' || !this.#row(id)) return fail('not_found');
    if (!validChanger(by)) return fail('no_proof');
    if (!(await passkeyApproval(this.env, by.adminId, by.proofId, 'staff_webhook'))) return fail('no_proof');
    // Read again after the await: another admin may have deleted it meanwhile.
    const row = this.#row(id);
    if (!row) return fail('not_found');
    this.#sql.exec('DELETE FROM endpoints WHERE endpoint_id = ?', id);
    await accountOf(this.env, by.adminId).recordWebhookChange(
      'deleted',
      { endpoint: id, host: hostOf(row.url), types: (JSON.parse(row.types) as string[]).join(' ') },
      by.context,
    );
    return ok(null);
  }

  /** For the WebhookOutbox shards only: the endpoints with their secrets. */
  forDelivery(): DeliveryEndpoint[] {
    return this.#sql
      .exec<EndpointRow>('SELECT * FROM endpoints')
      .toArray()
      .map((row) => ({ id: row.endpoint_id, url: row.url, types: JSON.parse(row.types), secret: row.secret }));
  }

  #row(id: string): EndpointRow | undefined {
    return this.#sql.exec<EndpointRow>('SELECT * FROM endpoints WHERE endpoint_id = ?', id).toArray()[0];
  }
}
