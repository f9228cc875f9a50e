/**
 * Fail closed on a real origin with a dev-only setting. A deploy that kept the dev
 * vars, the example secrets or a placeholder would otherwise run: messages shown to anyone by the
 * dev outbox, recoveries without their 24-hour wait, codes keyed by a secret that is public in this
 * repository. Such a worker answers every API request 503 and says why in its log instead.
 */
import { isDevOrigin } from './config.ts';

/**
 * The values in `.dev.vars.example`: public, so never a production secret. (A test checks this
 * list against the file.)
 */
export const exampleSecrets = {
  BOOTSTRAP_ADMIN_SECRET: 'dev-bootstrap-secret-change-me',
  CODE_HMAC_SECRET: 'dev-code-hmac-secret-change-me-0123456789',
  VAPID_PUBLIC_KEY: 'BMSEW4uqe02ssylf9BO-B38io9zl4sfdpbCd79sMUf88LPQbqes5kM3cDRA3Kg_eiCRtov8Tc1TL6lg2JcHVjhA',
  VAPID_PRIVATE_KEY: 'Lh6hzj-jrZuPf2x_775w_c8SWY05dUL0epLi0gsoIUg',
} as const;

export type DeploymentVars = Partial<Record<keyof typeof exampleSecrets, string>> & {
  ORIGIN?: string;
  RP_ID?: string;
  DELIVERY?: string;
  RECOVERY_WAIT_HOURS?: string;
  VAPID_SUBJECT?: string;
  TWILIO_ACCOUNT_SID?: string;
  CODE_HMAC_SECRET_PREVIOUS?: string;
  CODE_DECOY_SECRET?: string;
};

/** RFC 2606 / RFC 6761 names for examples: a placeholder never meant to reach customers. */
function isExampleHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return (
    /(^|\.)example\.(com|net|org)$/.test(name) || /(^|\.)(example|test|invalid)$/.test(name) || name === 'example.com'
  );
}

function hostOfContact(subject: string): string {
  if (subject.startsWith('mailto:')) return subject.slice('mailto:'.length).split('@').pop() ?? '';
  try {
    return new URL(subject).hostname;
  } catch {
    return '';
  }
}

/**
 * The dev-only or placeholder settings of this deployment, by name (never their values), or none.
 * On a localhost origin everything is allowed: that is what dev is.
 */
export function devOnlySettings(env: DeploymentVars): string[] {
  if (isDevOrigin(env.ORIGIN)) return [];
  const found: string[] = [];
  let origin: URL | null = null;
  try {
    origin = new URL(env.ORIGIN ?? '');
  } catch {
    found.push('ORIGIN (not a URL)');
  }
  if (origin && origin.protocol !== 'https:') found.push('ORIGIN (not https)');
  if (origin && isExampleHost(origin.hostname)) found.push('ORIGIN (a placeholder domain)');
  if (env.RP_ID && isExampleHost(env.RP_ID)) found.push('RP_ID (a placeholder domain)');
  if (env.DELIVERY === 'outbox') found.push('DELIVERY (the dev outbox)');
  if (env.TWILIO_ACCOUNT_SID !== undefined && /^AC0+$/.test(env.TWILIO_ACCOUNT_SID))
    found.push('TWILIO_ACCOUNT_SID (the placeholder)');
  // The dev value 0; a bank may choose another wait, but not none (config.ts bounds it too).
  if (env.RECOVERY_WAIT_HOURS !== undefined && !(Number(env.RECOVERY_WAIT_HOURS) >= 1))
    found.push('RECOVERY_WAIT_HOURS (no wait is dev only)');
  if (env.VAPID_SUBJECT !== undefined && isExampleHost(hostOfContact(env.VAPID_SUBJECT)))
    found.push('VAPID_SUBJECT (an example contact)');
  for (const [name, value] of Object.entries(exampleSecrets))
    if (env[name as keyof typeof exampleSecrets] === value) found.push(`${name} (the example from .dev.vars.example)`);
  // The secrets of a rotation (README "Rotating the code secret") are held to the code secret's rules.
  for (const name of ['CODE_HMAC_SECRET_PREVIOUS', 'CODE_DECOY_SECRET'] as const) {
    const value = env[name];
    if (value === undefined) continue;
    if (value === exampleSecrets.CODE_HMAC_SECRET) found.push(`${name} (the example from .dev.vars.example)`);
    else if (value.length < 32) found.push(`${name} (shorter than 32 characters)`);
  }
  // Without its own key the decoys are keyed by CODE_HMAC_SECRET, and would change with it.
  if (env.CODE_HMAC_SECRET_PREVIOUS !== undefined && env.CODE_DECOY_SECRET === undefined)
    found.push('CODE_HMAC_SECRET_PREVIOUS (set CODE_DECOY_SECRET first, or decoys change)');
  return found;
}
