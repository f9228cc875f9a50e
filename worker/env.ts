/** The bindings and vars the worker runs with (see wrangler.toml and the README's configuration table). */
import type { SettingsVars } from './core/config';
import type { Account } from './objects/account';
import type { HandleClaim } from './objects/handle-claim';
import type { Invite } from './objects/invite';
import type { PasskeyChallenge } from './objects/passkey-challenge';

export interface Env extends SettingsVars {
  ACCOUNT: DurableObjectNamespace<Account>;
  HANDLE: DurableObjectNamespace<HandleClaim>;
  PASSKEY_CHALLENGE: DurableObjectNamespace<PasskeyChallenge>;
  INVITE: DurableObjectNamespace<Invite>;
  ASSETS: Fetcher;
  /** Secret: typed as the invite code, it lets the first admin register. Single use. */
  BOOTSTRAP_ADMIN_SECRET?: string;
}
