import { describe, expect, it } from 'vitest';
import { checkText, type TextLimits, textField, textLength } from './text.ts';

const name: TextLimits = { max: 64 };
const note: TextLimits = { max: 1000, min: 0, multiline: true };
const emoji = '😀'; // one code point, two UTF-16 units
const problemOf = (value: unknown, limits: TextLimits) => {
  const checked = checkText(value, limits);
  return checked.ok ? null : checked.problem;
};

describe('the text rule', () => {
  it('counts code points, not UTF-16 units: 64 emoji fit a 64-character name, 65 do not', () => {
    expect(textLength(emoji.repeat(64))).toBe(64);
    expect(checkText(emoji.repeat(64), name)).toEqual({ ok: true, value: emoji.repeat(64) });
    expect(problemOf(emoji.repeat(65), name)).toBe('too_long');
  });

  it('refuses lone surrogates, high or low, anywhere in the text', () => {
    for (const bad of ['\uD83D', 'Anna \uDE00', 'a\uD83Db', `${emoji}\uDE00`])
      expect(problemOf(bad, name)).toBe('malformed');
  });

  it('normalises to NFC before counting, and trims', () => {
    const decomposed = 'Ame\u0301lie'; // e + combining acute
    expect(checkText(`  ${decomposed} `, name)).toEqual({ ok: true, value: 'Am\u00e9lie' });
    expect(checkText('e\u0301'.repeat(64), name)).toEqual({ ok: true, value: '\u00e9'.repeat(64) });
  });

  it('refuses control, format and line-separator characters in a one-line field', () => {
    for (const bad of ['Anna\nK', 'Anna\u0000', 'Anna\u202Eevil', 'An\u200Bna', 'Anna\u2028K', 'A\u00ADnna'])
      expect(problemOf(bad, name), JSON.stringify(bad)).toBe('control');
  });

  it('keeps the joiners that Persian names and emoji sequences need', () => {
    expect(checkText('می\u200Cخواهم', name).ok).toBe(true);
    expect(checkText('👩\u200D💻', name).ok).toBe(true);
  });

  it('lets a note hold line feeds and tabs, as \\n', () => {
    expect(checkText('line one\r\n\tline two', note)).toEqual({ ok: true, value: 'line one\n\tline two' });
    expect(problemOf('bell\u0007', note)).toBe('control');
    expect(checkText('   ', note)).toEqual({ ok: true, value: '' });
  });

  it('refuses what is not text, and blank text where text is required', () => {
    expect(problemOf(42, name)).toBe('not_text');
    expect(problemOf(undefined, name)).toBe('not_text');
    expect(problemOf(' \t ', name)).toBe('missing');
  });

  it('is the rule the zod field applies: the same answers, the normalised value, a field message', () => {
    const field = textField(name, 'Enter your name.');
    const cases = [
      emoji.repeat(64),
      emoji.repeat(65),
      'x'.repeat(64),
      'x'.repeat(65),
      '\uD83D',
      'Anna\u202E',
      ' ',
      ' Ame\u0301lie ',
      '👩\u200D💻',
    ];
    for (const value of cases) {
      const rule = checkText(value, name);
      const parsed = field.safeParse(value);
      expect(parsed.success, JSON.stringify(value)).toBe(rule.ok);
      if (rule.ok && parsed.success) expect(parsed.data).toBe(rule.value);
    }
    const tooLong = field.safeParse(emoji.repeat(65));
    expect(tooLong.error?.issues[0]?.message).toBe('Use at most 64 characters.');
    expect(field.safeParse('').error?.issues[0]?.message).toBe('Enter your name.');
  });
});
