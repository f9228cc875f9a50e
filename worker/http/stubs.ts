/** Durable Object stubs from ids that arrive from the outside (cookies, bodies, user handles). */
import type { Context } from 'hono';
import type { Env } from '../env.ts';
import { accountOf, fromString } from '../objects/stubs.ts';
import type { AppEnv } from './context.ts';

export { accountOf, fromString };

/** The Account object with this id, or null when the id is not one of ours. */
export const accountById = (env: Env, id: string) => fromString(env.ACCOUNT, id);

/** The signed-in account's object (its id came from the session, not from the request). */
export const signedInAccount = (c: Context<AppEnv>) => accountOf(c.env, c.var.account.id);

/** The Account object with this name: one that stands for no person (`messenger:no-account`). */
export const accountByName = (env: Env, name: string) => env.ACCOUNT.get(env.ACCOUNT.idFromName(name));

/** The PasskeyChallenge object with this id, or null when the id is not one of ours. */
export const ceremonyById = (env: Env, id: string) => fromString(env.PASSKEY_CHALLENGE, id);

/** The CallVerification object with this id, or null when the id is not one of ours. */
export const callById = (env: Env, id: string) => fromString(env.CALL, id);

/** The HandleClaim object for a (normalized) handle. */
export const handleClaim = (env: Env, handle: string) => env.HANDLE.get(env.HANDLE.idFromName(`handle:${handle}`));

/** The Invite object with this name (`bootstrap` or `invite:<sha256 of the code>`). */
export const inviteByKey = (env: Env, key: string) => env.INVITE.get(env.INVITE.idFromName(key));

/** Where a request came from, for the audit log. */
export function requestContextOf(req: Request): { ip: string | null; userAgent: string | null } {
  return {
    ip: req.headers.get('CF-Connecting-IP'),
    userAgent: req.headers.get('User-Agent')?.slice(0, 200) ?? null,
  };
}
