/**
 * Registration: the account is created once, with its first passkey (tables `profile` and
 * `passkeys`); staff accounts are listed in the StaffDirectory.
 */
import { type Role, roleSchema } from '../../../shared/api.ts';
import { isStoredPersonName } from '../../../shared/person-name.ts';
import { isStoredText, textLimits } from '../../../shared/text.ts';
import type { AccountView, RequestContext } from '../../core/account-rules.ts';
import { now } from '../../core/clock.ts';
import type { NewCredential } from '../../core/passkeys.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { AccountAudit } from './audit.ts';
import { isE164 } from './contact-rows.ts';
import { isText, type Passkeys, validCredential } from './passkeys.ts';
import { hasProfile, profileView } from './profile.ts';
import type { Staff } from './staff.ts';
import type { AccountStorage } from './storage.ts';

export interface NewAccount {
  handle: string;
  displayName: string;
  role: Role;
  team: string | null;
  phone: string | null;
  credential: NewCredential;
  context: RequestContext;
  inviteId: string | null;
}

export class Registration {
  readonly #storage: AccountStorage;
  readonly #accountId: string;
  readonly #audit: AccountAudit;
  readonly #passkeys: Passkeys;
  readonly #staff: Staff;

  constructor(storage: AccountStorage, accountId: string, audit: AccountAudit, passkeys: Passkeys, staff: Staff) {
    this.#storage = storage;
    this.#accountId = accountId;
    this.#audit = audit;
    this.#passkeys = passkeys;
    this.#staff = staff;
  }

  /** Creates the account with its first passkey. Fails if this object already holds an account. */
  async create(input: NewAccount): Promise<Result<AccountView, 'exists' | 'invalid'>> {
    if (!validNewAccount(input)) return fail('invalid');
    if (hasProfile(this.#storage.sql)) return fail('exists');
    const at = now();
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec(
        'INSERT INTO profile (id, account_id, handle, display_name, role, team, phone, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
        this.#accountId,
        input.handle,
        input.displayName,
        input.role,
        input.team,
        input.phone,
        at,
      );
      this.#audit.append(
        'account_created',
        { role: input.role, invite: input.inviteId, ...input.context },
        input.context,
      );
      this.#passkeys.insert(input.credential, input.context);
    });
    const view = profileView(this.#storage.sql) as AccountView;
    await this.#staff.note(view, null);
    return ok(view);
  }
}

function validNewAccount(a: NewAccount): boolean {
  return (
    isText(a?.handle, 32) &&
    isStoredPersonName(a.displayName) &&
    roleSchema.safeParse(a.role).success &&
    (a.team === null || isStoredText(a.team, textLimits.team)) &&
    (a.phone === null || isE164(a.phone)) &&
    validCredential(a.credential)
  );
}
