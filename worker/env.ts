/** The bindings and vars the worker runs with (see wrangler.toml and the README's configuration table). */
import type { SettingsVars } from './core/config.ts';
import type { DeliveryVars } from './delivery/provider.ts';
import type { MessengerVars } from './messenger/limits.ts';
import type { PushEndpointVars } from './notify/push-endpoints.ts';
import type { Account } from './objects/account.ts';
import type { ApiKey, ApiKeyDirectory } from './objects/api-key.ts';
import type { CallVerification } from './objects/call-verification.ts';
import type { ContactIndex } from './objects/contact-index.ts';
import type { CustomerReference } from './objects/customer-reference.ts';
import type { HandleClaim } from './objects/handle-claim.ts';
import type { IncidentLog } from './objects/incident-log.ts';
import type { Invite } from './objects/invite.ts';
import type { PasskeyChallenge } from './objects/passkey-challenge.ts';
import type { Recovery } from './objects/recovery.ts';
import type { SecurityIndex } from './objects/security-index.ts';
import type { SecurityLog } from './objects/security-log.ts';
import type { SendBudget } from './objects/send-budget.ts';
import type { StaffDirectory } from './objects/staff-directory.ts';
import type { Verification } from './objects/verification.ts';
import type { WebhookConfig } from './objects/webhook-config.ts';
import type { WebhookOutbox } from './objects/webhook-outbox.ts';
import type { WebhookVars } from './webhooks/deliver.ts';

/** `OUTBOX`, `DELIVERY` and the providers' settings are in DeliveryVars (worker/delivery/provider.ts). */
export interface Env extends SettingsVars, DeliveryVars, MessengerVars, PushEndpointVars, WebhookVars {
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
  STAFF: DurableObjectNamespace<StaffDirectory>;
  /** The SIEM export's shards (worker/objects/security-log.ts). */
  SECURITY_LOG: DurableObjectNamespace<SecurityLog>;
  /** Which SecurityLog shards of a day hold events, and which buckets are sealed. */
  SECURITY_INDEX: DurableObjectNamespace<SecurityIndex>;
  /** Webhooks: the endpoints (one object) and the delivery queue (16 shards). */
  WEBHOOK_CONFIG: DurableObjectNamespace<WebhookConfig>;
  WEBHOOK_OUTBOX: DurableObjectNamespace<WebhookOutbox>;
  CUSTOMER_REFERENCE: DurableObjectNamespace<CustomerReference>;
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
  /** Secret, during a rotation only: the key `CODE_HMAC_SECRET` replaced; codes in flight under it still check. */
  CODE_HMAC_SECRET_PREVIOUS?: string;
  /** Secret, never rotated: the key of decoy masks (unknown subjects); defaults to `CODE_HMAC_SECRET`. */
  CODE_DECOY_SECRET?: string;
}
