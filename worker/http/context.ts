/** The Hono context type shared by every route: bindings, and what the session middleware sets. */
import type { AccountView, RequestContext } from '../core/account-rules.ts';
import type { Settings } from '../core/config.ts';
import type { Env } from '../env.ts';
import type { ApiKeyView } from '../objects/api-key.ts';

/** Who calls the public API: a key, or a signed-in person. */
export type Caller = { kind: 'key'; key: ApiKeyView } | { kind: 'account'; account: AccountView };

export interface AppEnv {
  Bindings: Env;
  Variables: {
    settings: Settings;
    /** This request's id (worker/http/request-log.ts): in the log, the `Request-Id` header and every error. */
    requestId: string;
    requestContext: RequestContext;
    account: AccountView;
    sessionToken: string;
    caller: Caller;
  };
}
