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

describe('messages', () => {
  test('a UserError never carries a BSN-like run, whatever the message quotes', async () => {
    const { UserError } = await import('../errors.ts');
    const error = new UserError('X', 'export.csv: kolom "999 913 141" (voor verwijzer) staat niet in de kopregel.', { file: 'export.csv', column: '999913141' });
    expect(error.message).toBe('export.csv: kolom "•••••••••" (voor verwijzer) staat niet in de kopregel.');
    expect(error.location).toEqual({ file: 'export.csv', column: '•••••••••' });
  });

  test('the refusal names file, row and column, masking a column name that is itself BSN-like', () => {
    const scan = createPrivacyScan(undefined, 'Inlezen geweigerd', 'er is niets opgeslagen');
    expect(() => scan.check('Begeleiding 999913141', { file: 'export.csv', row: 3, column: '999913141' })).toThrow(
      'Inlezen geweigerd door de privacycontrole: export.csv, rij 3, kolom ••••••••• bevat een getal dat een BSN kan zijn. Controleer welke exportkolom aan dit veld is gekoppeld; er is niets opgeslagen.',
    );
  });
});
