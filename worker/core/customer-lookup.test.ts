import { describe, expect, it } from 'vitest';
import { type CustomerLookupAudit, lookupAuditDetail, maskSearched } from './customer-lookup.ts';

describe('what the audit log keeps of a look-up', () => {
  it('masks what was searched: a phone as everywhere, a handle or reference by its first two characters', () => {
    expect(maskSearched('phone', '+447911123456')).toBe('+44 •••• ••• 456');
    expect(maskSearched('handle', 'jo.bloggs')).toBe('jo•••••••');
    expect(maskSearched('reference', 'CIF-20417')).toBe('CI•••••••');
    expect(maskSearched('reference', 'A')).toBe('A•');
    // Long values show at most eight dots: the log does not even keep the length.
    expect(maskSearched('reference', 'X'.repeat(64))).toBe(`XX${'•'.repeat(8)}`);
  });

  it('takes only a well-formed look-up', () => {
    const found: CustomerLookupAudit = {
      kind: 'phone',
      searched: '+44 •••• ••• 456',
      found: true,
      customer: 'jo.bloggs',
      purpose: 'search',
    };
    expect(lookupAuditDetail(found)).toEqual(found);
    expect(lookupAuditDetail({ ...found, found: false, customer: null })).not.toBeNull();
    for (const bad of [
      { ...found, customer: null },
      { ...found, found: false },
      { ...found, kind: 'email' },
      { ...found, purpose: 'browse' },
      { ...found, searched: '' },
      { ...found, customer: 'Not A Handle' },
    ]) {
      expect(lookupAuditDetail(bad as CustomerLookupAudit)).toBeNull();
    }
    expect(lookupAuditDetail(null as unknown as CustomerLookupAudit)).toBeNull();
  });
});
