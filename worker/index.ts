/**
 * Cloudflare Workers entry: `/api/*` goes to the Hono app, every other path to the PWA's static
 * assets. Exports only the handler and the Durable Object classes (workerd refuses other exports).
 */
import { api } from './app.ts';
import type { Env } from './env.ts';

export { Account } from './objects/account.ts';
export { ApiKey, ApiKeyDirectory } from './objects/api-key.ts';
export { CallVerification } from './objects/call-verification.ts';
export { ContactIndex } from './objects/contact-index.ts';
export { CustomerReference } from './objects/customer-reference.ts';
export { HandleClaim } from './objects/handle-claim.ts';
export { IncidentLog } from './objects/incident-log.ts';
export { Invite } from './objects/invite.ts';
export { Outbox } from './objects/outbox.ts';
export { PasskeyChallenge } from './objects/passkey-challenge.ts';
export { Recovery } from './objects/recovery.ts';
export { SecurityIndex } from './objects/security-index.ts';
export { SecurityLog } from './objects/security-log.ts';
export { SendBudget } from './objects/send-budget.ts';
export { StaffDirectory } from './objects/staff-directory.ts';
export { Verification } from './objects/verification.ts';
export { WebhookConfig } from './objects/webhook-config.ts';
export { WebhookOutbox } from './objects/webhook-outbox.ts';

export default {
  fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api.fetch(request, env, ctx);
    return env.ASSETS.fetch(request);
  },
} satisfies ExportedHandler<Env>;
