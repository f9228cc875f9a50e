/** Who the bank is, as `GET /api/config` answers it: the app names the bank and calls its real number. */

/** The public configuration of the app (no secret: anyone may read it, caches may keep it). */
export interface BankConfig {
  /** The bank's name, as every screen says it ("This is really Northwind Bank"). */
  bankName: string;
  /** The bank's real phone number, as printed (`+44 20 7946 0000`). */
  bankPhone: string;
}

/** A `tel:` link for a printed number: `+44 20 7946 0000` → `tel:+442079460000`. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
