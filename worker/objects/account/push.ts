/**
 * Web Push to the account's devices: subscriptions saved and removed (rows in push-rows.ts,
 * checked there as if from the internet) and alerts sent to every subscribed device.
 */
import type { PushPayload } from '../../../shared/push.ts';
import type { RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import type { EventCause } from '../../core/event-cause.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { Env } from '../../env.ts';
import { pushEndpointPolicy } from '../../notify/push-endpoints.ts';
import { type PushOptions, type PushTarget, sendWebPush, vapidFromEnv } from '../../notify/web-push.ts';
import type { AccountAudit } from './audit.ts';
import { hasProfile } from './profile.ts';
import {
  checkPushSubscription,
  deletePushSubscription,
  type InvalidPushSubscription,
  listPushSubscriptions,
  pushServiceOf,
  savePushSubscription,
} from './push-rows.ts';
import type { AccountStorage } from './storage.ts';

export class Push {
  readonly #storage: AccountStorage;
  readonly #env: () => Env;
  readonly #audit: AccountAudit;

  constructor(storage: AccountStorage, env: () => Env, audit: AccountAudit) {
    this.#storage = storage;
    this.#env = env;
    this.#audit = audit;
  }

  /** Saves a browser's push subscription (checked here as if from the internet); new ones are audited. */
  async addPushSubscription(
    subscription: PushTarget,
    context: RequestContext,
  ): Promise<Result<null, 'no_account' | InvalidPushSubscription>> {
    if (!hasProfile(this.#storage.sql)) return fail('no_account');
    const checked = await checkPushSubscription(subscription, pushEndpointPolicy(this.#env()));
    if (!checked.ok) return checked;
    const target = checked.value;
    this.#storage.transactionSync(() => {
      const saved = savePushSubscription(this.#storage.sql, target, now());
      if (saved.change !== 'unchanged') {
        this.#audit.append('push_enabled', { service: pushServiceOf(target.endpoint), ...context }, context);
      }
      for (const endpoint of saved.dropped) {
        this.#audit.append('push_disabled', { service: pushServiceOf(endpoint), reason: 'limit' }, context);
      }
    });
    return ok(null);
  }

  /** Forgets the push subscription of this endpoint (alerts turned off); true when there was one. */
  removePushSubscription(endpoint: string, context: RequestContext): boolean {
    if (typeof endpoint !== 'string') return false;
    return this.#storage.transactionSync(() => {
      const removed = deletePushSubscription(this.#storage.sql, endpoint);
      if (removed)
        this.#audit.append('push_disabled', { service: pushServiceOf(endpoint), reason: 'user', ...context }, context);
      return removed;
    });
  }

  /**
   * Pushes `payload` to every subscribed device of the account; subscriptions their push service
   * reports gone are deleted. Without VAPID keys configured nothing is sent.
   */
  async pushToDevices(
    payload: PushPayload,
    cause: EventCause,
    // DESIGN.md: a call verification lives 5 minutes; an alert delivered later is of no use.
    options: PushOptions = { ttlSeconds: 300, urgency: 'high' },
  ): Promise<{ sent: number; removed: number }> {
    const vapid = vapidFromEnv(this.#env());
    if (!vapid) return { sent: 0, removed: 0 };
    const targets = listPushSubscriptions(this.#storage.sql);
    const results = await Promise.all(targets.map((target) => sendWebPush(target, payload, vapid, options)));
    let removed = 0;
    this.#storage.transactionSync(() => {
      results.forEach((result, i) => {
        const target = targets[i];
        if (result.ok || result.reason !== 'gone' || !target) return;
        if (!deletePushSubscription(this.#storage.sql, target.endpoint, target.keys)) return;
        removed++;
        this.#audit.append('push_disabled', { service: pushServiceOf(target.endpoint), reason: 'gone' }, cause);
      });
    });
    return { sent: results.filter((r) => r.ok).length, removed };
  }
}
