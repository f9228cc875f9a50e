/**
 * Cloudflare Workers entry: `/api/*` goes to the Hono app, every other path to the PWA's static
 * assets. Exports only the handler and the Durable Object classes (workerd refuses other exports).
 */
import { api } from './app';
import type { Env } from './env';

export { Account } from './objects/account';
export { ApiKey, ApiKeyDirectory } from './objects/api-key';
export { CallVerification } from './objects/call-verification';
export { ContactIndex } from './objects/contact-index';
export { HandleClaim } from './objects/handle-claim';
export { IncidentLog } from './objects/incident-log';
export { Invite } from './objects/invite';
export { Outbox } from './objects/outbox';
export { PasskeyChallenge } from './objects/passkey-challenge';
export { Recovery } from './objects/recovery';
export { SendBudget } from './objects/send-budget';
export { Verification } from './objects/verification';

export default {
  fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
    return env.ASSETS.fetch(request);
  },
} satisfies ExportedHandler<Env>;
