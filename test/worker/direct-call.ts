/**
 * What a test passes when it calls an object's method directly (no request went through the app):
 * the request context and the cause of the events it writes (worker/core/event-cause.ts).
 */
import type { RequestContext } from '../../worker/core/account-rules.ts';

export const directCall: RequestContext = { ip: null, userAgent: null, requestId: `req_${'0'.repeat(32)}` };
