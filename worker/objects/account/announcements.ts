/**
 * How the Account announces a change to how it is protected: through the one announcement path
 * (worker/notify/announce.ts) to the account's devices and, by SMS, to its verified phone.
 */
import { type ProtectionChange, protectionChangeText } from '../../../shared/protection.ts';
import type { EventCause } from '../../core/event-cause.ts';
import type { Env } from '../../env.ts';
import { type AccountDevices, announceProtectionChange } from '../../notify/announce.ts';
import { hasProfile, verifiedPhone } from './profile.ts';

export class Announcements {
  readonly #env: () => Env;
  readonly #sql: SqlStorage;
  readonly #devices: AccountDevices;

  constructor(env: () => Env, sql: SqlStorage, devices: AccountDevices) {
    this.#env = env;
    this.#sql = sql;
    this.#devices = devices;
  }

  /** Announces `change`; the SMS goes to `phone`, by default the phone verified now. */
  async protectionChanged(
    change: ProtectionChange,
    cause: EventCause,
    phone = verifiedPhone(this.#sql),
  ): Promise<void> {
    await announceProtectionChange(this.#env(), this.#devices, change, phone, cause);
  }

  /** A change made elsewhere (trusted contacts), checked as if it came from the internet. */
  async announce(change: ProtectionChange, cause: EventCause): Promise<void> {
    if (!Object.hasOwn(protectionChangeText, change) || !hasProfile(this.#sql)) return;
    await this.protectionChanged(change, cause);
  }
}
