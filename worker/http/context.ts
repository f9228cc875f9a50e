/** The Hono context type shared by every route: bindings, and what the session middleware sets. */
import type { AccountView, RequestContext } from '../core/account-rules';
import type { Settings } from '../core/config';
import type { Env } from '../env';

export interface AppEnv {
  Bindings: Env;
  Variables: {
    settings: Settings;
    requestContext: RequestContext;
    account: AccountView;
    sessionToken: string;
  };
}
