/**
 * The bank's real phone number, for "This wasn't me" and "call the bank" links. ONE PLACE: a
 * constant until the bank's phone comes from config (issue 11, ux-call); replace it then.
 */
export const bankPhone = '0800 123 4567';
