/**
 * The field messages the worker writes itself (beside the schemas' own): English here, French in
 * errors-fr.ts (a key without French is a type error). A route names one as `{ text, params }`
 * and the error response says it in the request's language (worker/http/errors.ts).
 */
import type { ErrorCode } from './errors.ts';

export const fieldTexts = {
  invisible_characters: 'Remove the control or invisible characters.',
  choose_contacts: 'Choose enough of your contacts.',
  asked_in_app: 'This contact was asked in their Countersign app: no code is needed, their approval there counts.',
  contacts_invalid: 'A contact cannot be you, and each needs a number of their own.',
  contact_number_own: 'Each contact needs a number of their own.',
  push_endpoint: 'The push endpoint must be an https URL of at most 2048 characters.',
  push_service: 'This browser’s push service is not one Countersign sends to.',
  p256dh: 'This key is not a point on the P-256 curve.',
  push_auth: 'Expected an auth secret: 16 bytes in base64url.',
  staff_unchanged: 'This staff member is already in that state.',
  disable_yourself: 'You cannot disable yourself. Ask another admin.',
  channel_not_for: 'This verification cannot go by that channel.',
  webhook_types: 'Choose at least one event type.',
  webhook_url:
    'Use an https URL with no user name, password or #fragment (http://localhost only while the app runs on localhost).',
  lookup_phone: 'Give the phone number in international format, like +44 7700 900123.',
  reference_taken: 'Another customer already has this reference.',
  reference_format: 'Use 1 to 64 letters, digits, dots, dashes or underscores.',
  code_wrong_one: 'That code is not right. 1 try left.',
  code_wrong: 'That code is not right. {left} tries left.',
  name_account: 'Name the account, the destination, or both.',
  idempotency_key: 'Give 1–255 visible ASCII characters, such as a UUID.',
  websocket: 'Expected a WebSocket.',
  cursor_invalid: 'This is not a cursor of this export. Give the Countersign-Next-Cursor header of an earlier page.',
  cursor_expired: 'This cursor is older than the 30 days the export keeps. Start again without a cursor.',
  phone_not_international: 'Start with + and the country code, like +44 7911 123456.',
  phone_not_a_number: 'That is not a phone number: check the digits.',
  phone_not_in_use: 'No phone has that number: check the digits.',
  phone_not_mobile: 'That is a landline. Give a mobile number: we send codes by text message.',
  phone_not_allowed: 'We can only text numbers that start with {codes}.',
  phone_no_country: 'We can only text numbers that start with a country code the bank allows.',
  destination_format: 'Give a phone number in international format (+44…) or an e-mail address.',
  channel_fits: 'SMS and voice calls go to a phone number, e-mail to an address.',
  unexpected_field: 'Unexpected field: {keys}.',
} as const;

export type FieldText = keyof typeof fieldTexts;

/** A field message of the catalogue, with what fills its `{placeholders}`. */
export interface FieldMessage {
  text: FieldText;
  params?: Record<string, string | number>;
}

/**
 * What a route gives per field: a message of this catalogue, the message of an error code (the
 * field that caused it), a schema's own message (French in schema-texts-fr.ts), or a text as it is
 * (the names of settings).
 */
export type FieldProblem = FieldMessage | { error: ErrorCode } | { schema: string } | { asIs: string };

/** A text with each `{name}` replaced by `params.name`. */
export function fillText(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}
