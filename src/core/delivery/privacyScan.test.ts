import { describe, expect, test } from 'vitest';
import { addInputBsn, createPrivacyScan } from './privacyScan.ts';

const where = { file: 'voorzieningen.csv', row: 5, column: 'verwijzer' };

describe('privacy scan', () => {
  test('refuses any whole 9-digit value passing the 11-proef', () => {
    const scan = createPrivacyScan();
    expect(() => scan.check('999900006', where)).toThrow('Levering geweigerd door de privacycontrole: voorzieningen.csv, rij 5, kolom verwijzer');
    expect(() => scan.check(999900018, where)).toThrow(/privacycontrole/);
    expect(() => scan.check('999900007', where)).not.toThrow();
    expect(() => scan.check('75001074', where)).not.toThrow();
    expect(() => scan.check('1234.56', where)).not.toThrow();
    expect(() => scan.check('a999900006', where)).not.toThrow();
  });

  test('refuses a value equal to an input BSN, also without leading zeros while 7 digits remain', () => {
    const inputs = new Set<number>();
    addInputBsn(inputs, '099990004');
    addInputBsn(inputs, '000000012');
    const scan = createPrivacyScan(inputs);
    expect(() => scan.check('99990004', where)).toThrow(/privacycontrole/);
    expect(() => scan.check('099990004', where)).toThrow(/privacycontrole/);
    // Too short to mean anything: 12 is a huisnummer as often as a lost BSN.
    expect(() => scan.check('12', where)).not.toThrow();
  });

  test('the message never contains the value', () => {
    try {
      createPrivacyScan().check('999900006', where);
    } catch (error) {
      expect((error as Error).message).not.toContain('999900006');
    }
  });
});
