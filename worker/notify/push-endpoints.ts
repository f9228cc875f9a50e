/**
 * Which push endpoints the worker may POST to. A subscription's endpoint comes from
 * the customer's browser, so without a list the worker would post wherever a customer says. Only the
 * browsers' push services are allowed (configurable with PUSH_SERVICE_HOSTS); a local push service on
 * http://localhost only when the app itself runs on localhost (dev and tests).
 */
import { isPushEndpoint } from '../../shared/push.ts';
import { isDevOrigin } from '../core/config.ts';

/** Chrome/Edge (FCM), Firefox (Mozilla autopush), Safari (Apple), legacy Edge (WNS). */
export const defaultPushServiceHosts = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
  '*.notify.windows.com',
];

export interface PushEndpointVars {
  /** Comma-separated host names; `*.example.com` allows any subdomain of example.com (not itself). */
  PUSH_SERVICE_HOSTS?: string;
  ORIGIN?: string;
}

export interface PushEndpointPolicy {
  hosts: string[];
  /** http(s)://localhost and 127.0.0.1 on any port: only on a localhost ORIGIN. */
  localhost: boolean;
}

const hostPattern = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const localHosts = new Set(['localhost', '127.0.0.1']);

/** The policy of this environment. */
export function pushEndpointPolicy(vars: PushEndpointVars): PushEndpointPolicy {
  const configured = (vars.PUSH_SERVICE_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => hostPattern.test(h));
  return {
    hosts: vars.PUSH_SERVICE_HOSTS === undefined || configured.length === 0 ? defaultPushServiceHosts : configured,
    localhost: isDevOrigin(vars.ORIGIN),
  };
}

/** Whether the worker may send to this endpoint: a known push service over https, or dev's localhost. */
export function pushEndpointAllowed(endpoint: string, policy: PushEndpointPolicy): boolean {
  if (typeof endpoint !== 'string' || !isPushEndpoint(endpoint)) return false;
  const url = new URL(endpoint);
  if (localHosts.has(url.hostname)) return policy.localhost;
  if (url.protocol !== 'https:' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return policy.hosts.some((allowed) =>
    allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1 : host === allowed,
  );
}
