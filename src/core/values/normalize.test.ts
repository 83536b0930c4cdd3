import { describe, expect, test } from 'vitest';
import { normalizeKey } from './normalize.ts';

describe('normalizeKey', () => {
  test.each([
    ['WMO 2015', 'wmo2015'],
    ['Wmo-2015', 'wmo2015'],
    ['  Re-integratie ', 'reintegratie'],
    ['Financiën', 'financien'],
    ["Euro's", 'euros'],
    ['Stuks (output)', 'stuksoutput'],
    ['04', '4'],
    ['0', '0'],
    ['000', '0'],
    ['0A', '0a'],
    ['€', '€'],
    [' - ', '-'],
  ])('%j → %j', (text, key) => {
    expect(normalizeKey(text)).toBe(key);
  });

  test('can keep leading zeros', () => {
    expect(normalizeKey('04', true)).toBe('04');
  });
});
