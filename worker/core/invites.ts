/** How an invite code typed at registration finds its Invite object. */
import { sha256Hex, timingSafeEqualText } from './hash.ts';
import { normalizeInviteCode } from './invite-code.ts';

/** The Invite object name for a typed code, and the short id its issuer sees. */
export async function inviteKeyOf(
  typed: string,
  bootstrapSecret: string | undefined,
): Promise<{ key: string; id: string; bootstrap: boolean }> {
  if (bootstrapSecret && bootstrapSecret.length >= 16 && (await timingSafeEqualText(typed.trim(), bootstrapSecret))) {
    return { key: 'bootstrap', id: 'bootstrap', bootstrap: true };
  }
  const digest = await sha256Hex(normalizeInviteCode(typed));
  return { key: `invite:${digest}`, id: digest.slice(0, 16), bootstrap: false };
}
