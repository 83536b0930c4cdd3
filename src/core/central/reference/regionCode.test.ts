import { describe, expect, test } from 'vitest';
import { gemeenteOf, prefixedCode, regionCode } from './regionCode.ts';

describe('CBS region codes', () => {
  test('padded and lower-case codes are read; anything else is no code', () => {
    expect(regionCode('GM0363    ')).toBe('GM0363');
    expect(regionCode('wk0363aa')).toBe('WK0363AA');
    expect(regionCode('BU03630000')).toBe('BU03630000');
    expect(regionCode('NL00')).toBe('NL00');
    for (const bad of ['GM363', 'WK03630', 'BU0363000', '0363', 'GMABCD', '', null]) expect(regionCode(bad)).toBeNull();
  });

  test('a bare integer from a postcode file gets its zeros and prefix back; letters stay text', () => {
    expect(prefixedCode('363', 'gemeente')).toBe('GM0363');
    expect(prefixedCode('36300', 'wijk')).toBe('WK036300');
    expect(prefixedCode('3630000', 'buurt')).toBe('BU03630000');
    expect(prefixedCode('0363AA', 'wijk')).toBe('WK0363AA');
    expect(prefixedCode('WK036300', 'wijk')).toBe('WK036300');
    expect(prefixedCode('WK036300', 'buurt')).toBeNull();
    expect(prefixedCode('363AA', 'wijk')).toBeNull();
    expect(prefixedCode('123456789', 'buurt')).toBeNull();
  });

  test('the gemeente of a wijk or buurt is GM and its first four digits', () => {
    expect(gemeenteOf('WK0363AA')).toBe('GM0363');
    expect(gemeenteOf('BU03630000')).toBe('GM0363');
    expect(gemeenteOf('GM0392')).toBe('GM0392');
    expect(gemeenteOf('NL00')).toBeNull();
  });
});
