/** The bindings and vars the worker runs with (see wrangler.toml and the README's configuration table). */
import type { SettingsVars } from './core/config';
import type { DeliveryVars } from './delivery/provider';
import type { Account } from './objects/account';
import type { ApiKey, ApiKeyDirectory } from './objects/api-key';
import type { CallVerification } from './objects/call-verification';
import type { ContactIndex } from './objects/contact-index';
import type { HandleClaim } from './objects/handle-claim';
import type { IncidentLog } from './objects/incident-log';
import type { Invite } from './objects/invite';
import type { PasskeyChallenge } from './objects/passkey-challenge';
import type { Recovery } from './objects/recovery';
import type { SendBudget } from './objects/send-budget';
import type { Verification } from './objects/verification';

/** `OUTBOX`, `DELIVERY` and the providers' settings are in DeliveryVars (worker/delivery/provider.ts). */
export interface Env extends SettingsVars, DeliveryVars {
  ACCOUNT: DurableObjectNamespace<Account>;
  HANDLE: DurableObjectNamespace<HandleClaim>;
  PASSKEY_CHALLENGE: DurableObjectNamespace<PasskeyChallenge>;
  INVITE: DurableObjectNamespace<Invite>;
  CALL: DurableObjectNamespace<CallVerification>;
  INCIDENTS: DurableObjectNamespace<IncidentLog>;
  VERIFICATION: DurableObjectNamespace<Verification>;
  SEND_BUDGET: DurableObjectNamespace<SendBudget>;
  CONTACT_INDEX: DurableObjectNamespace<ContactIndex>;
  API_KEY: DurableObjectNamespace<ApiKey>;
  API_KEY_DIRECTORY: DurableObjectNamespace<ApiKeyDirectory>;
  RECOVERY: DurableObjectNamespace<Recovery>;
  ASSETS: Fetcher;
  /** Secret: typed as the invite code, it lets the first admin register. Single use. */
  BOOTSTRAP_ADMIN_SECRET?: string;
  /** Secret: the VAPID public key (base64url, 65-byte raw P-256 point); unset turns Web Push off. */
  VAPID_PUBLIC_KEY?: string;
  /** Secret: the VAPID private key (base64url, the 32-byte P-256 scalar `d`). */
  VAPID_PRIVATE_KEY?: string;
  /** Var: the VAPID contact (RFC 8292 §2.1), a mailto: or https: URI, e.g. `mailto:security@example.com`. */
  VAPID_SUBJECT?: string;
  /** Secret: the HMAC-SHA-256 key one-time codes are hashed with (at least 32 characters). */
  CODE_HMAC_SECRET?: string;
}
