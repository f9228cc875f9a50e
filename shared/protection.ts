/**
 * Changes to how an account is protected (DESIGN.md): each needs a fresh passkey assertion and is
 * announced on every device and by SMS. The wording is fixed here: no text a user chose (a passkey
 * name, a contact's name) goes into an announcement.
 */
export type ProtectionChange =
  | 'passkey_added'
  | 'passkey_removed'
  | 'phone_changed'
  | 'email_changed'
  | 'sign_in_settings_changed'
  | 'trusted_contacts_changed'
  | 'contact_added'
  | 'contact_removed';

/** What each change is called, in a sentence of its own. */
export const protectionChangeText: Record<ProtectionChange, string> = {
  passkey_added: 'A new passkey was added to your account.',
  passkey_removed: 'A passkey was removed from your account.',
  phone_changed: 'The phone number of your account changed.',
  email_changed: 'The e-mail address of your account changed.',
  sign_in_settings_changed: 'The sign-in settings of your account changed.',
  trusted_contacts_changed: 'The trusted contacts of your account changed.',
  contact_added: 'A trusted contact was added to your account.',
  contact_removed: 'A trusted contact was removed from your account.',
};

/** The message the account's live socket sends to every open app when a change is made. */
export interface ProtectionLiveMessage {
  type: 'security';
  change: ProtectionChange;
  at: number;
}

/** The SMS to the verified phone, headed by the bank's name (BANK_NAME). */
export function protectionChangeSms(change: ProtectionChange, bankName: string): string {
  return `${bankName}: ${protectionChangeText[change]} If this was not you, open the app now or call us on the number on your card.`;
}
