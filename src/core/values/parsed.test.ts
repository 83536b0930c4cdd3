import { describe, expect, test } from 'vitest';
import { EMPTY, PLACEHOLDER, PLACEHOLDER_TEXTS, invalid, isPlaceholder, isSpace, ok } from './parsed.ts';

describe('parsed', () => {
  test('empty and placeholder results are shared and frozen', () => {
    expect(EMPTY).toEqual({ kind: 'empty', placeholder: false });
    expect(PLACEHOLDER).toEqual({ kind: 'empty', placeholder: true });
    expect(Object.isFrozen(EMPTY)).toBe(true);
    expect(Object.isFrozen(PLACEHOLDER)).toBe(true);
    expect(Object.isFrozen(invalid('x'))).toBe(true);
    expect(ok(3)).toEqual({ kind: 'ok', value: 3 });
  });

  test.each(['-', '--', '---', '.', '..', '...', '?', 'n.v.t.', 'N.V.T.', 'n.v.t', 'nvt', 'NVT', 'n.b.', 'N.B.',
    'onbekend', 'Onbekend', 'ONBEKEND', 'null', 'NULL', '\u2013', '\u2014', ' - ', '\u00a0.\u00a0'])('%j is a placeholder', (text) => {
    expect(isPlaceholder(text)).toBe(true);
  });

  test.each(['', ' ', 'nb', 'x', '0', 'n', 'o', 'no', 'onbekende', 'nvt.', '-1', '.5', 'NL', 'nul'])('%j is no placeholder', (text) => {
    expect(isPlaceholder(text)).toBe(false);
  });

  test('every listed placeholder is recognised', () => {
    for (const text of PLACEHOLDER_TEXTS) expect(isPlaceholder(text)).toBe(true);
  });

  test('recognises the spaces found in exports', () => {
    for (const c of [' ', '\t', '\n', '\r', '\u00a0', '\u202f', '\u2007', '\u2009', '\ufeff']) expect(isSpace(c.charCodeAt(0))).toBe(true);
    for (const c of ['a', '0', '-', '_', '\u200b']) expect(isSpace(c.charCodeAt(0))).toBe(false);
  });
});
