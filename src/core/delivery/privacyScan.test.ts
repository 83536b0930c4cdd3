import { describe, expect, test } from 'vitest';
import { Random } from '../../../fixtures/random.ts';
import { csvChunk } from './csvChunk.ts';
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

describe('the one-pass scan of a CSV chunk (mayCarry)', () => {
  // Fields of every kind the per-field scan judges: test BSNs whole, grouped and glued, input BSNs
  // without their zeros, dates, amounts, AGB codes, numbers with decimals, quotes, semicolons,
  // formula starts and line breaks. Seeded, so a failure is the same on every run.
  const risky = ['999900006', '999 900 006', '9999.00.006', '99990004', '9999-0004', '+31 6 999 900 06', '\t999900006', 'regel\r\nregel 999900006'];
  const safe = [
    '999900007', 'a999900006', '999900006b', '2026-07-01', '12-03-2026', '4083.00', '-12.50', '75001074', 'PW-AB01',
    'Hulp bij het huishouden – basis', '"Stichting; De Test"', '=SUM(1)', '@x', '0,00', 'WK999901', '3a5b999900006c', '', '1234567.5',
  ];
  const numbers = [0, 12, 120, 2.5, 1234567.5, 1e21, 75001074, -12.5, 99990004, 99990004.5, 999900006, 999900006.25, -999900006];
  const pieces = { next: (random: Random) => (random.chance(0.02) ? risky[random.int(0, risky.length - 1)]! : safe[random.int(0, safe.length - 1)]!) };
  function randomRow(random: Random): (string | number)[] {
    const row: (string | number)[] = [];
    for (let i = 0; i < 6; i++) {
      // The last four numbers carry a BSN: drawn rarely, like the risky pieces.
      if (random.chance(0.3)) row.push(numbers[random.int(0, random.chance(0.05) ? numbers.length - 1 : numbers.length - 5)]!);
      else {
        let text = '';
        for (let k = random.int(1, 3); k > 0; k--) text += (text && random.chance(0.5) ? ' ' : '') + pieces.next(random);
        row.push(text);
      }
    }
    return row;
  }
  const refusedPerField = (scan: ReturnType<typeof createPrivacyScan>, rows: (string | number)[][]) =>
    rows.some((row) => row.some((value) => {
      try {
        scan.check(value, where);
        return false;
      } catch {
        return true;
      }
    }));

  test('never misses a field the per-field scan refuses, alone or among other rows, as CSV or joined', () => {
    const inputs = new Set<number>();
    addInputBsn(inputs, '099990004');
    for (const scan of [createPrivacyScan(inputs), createPrivacyScan()]) {
      const random = new Random(17, 'mayCarry');
      let refused = 0;
      let clean = 0;
      for (let n = 0; n < 4000; n++) {
        const rows = Array.from({ length: random.int(1, 4) }, () => randomRow(random));
        const perField = refusedPerField(scan, rows);
        if (perField) refused++;
        else clean++;
        if (!perField) continue;
        expect(scan.mayCarry(csvChunk(rows)), JSON.stringify(rows)).toBe(true);
        // The store import joins a batch's values with ';' (null as nothing), unquoted.
        expect(scan.mayCarry([...rows.flat(), null].join(';')), JSON.stringify(rows)).toBe(true);
      }
      expect(refused).toBeGreaterThan(100);
      expect(clean).toBeGreaterThan(100);
    }
  });

  test('says no to a chunk without BSN-like values, so its fields are not scanned one by one', () => {
    const rows = [['2026-07-01', '75001074', 'PW-AB01', '4083.00', 12, 2.5], ['3a5b999900006c', 'Hulp – basis', '-12.50', '', 120, 0]];
    expect(createPrivacyScan(new Set([99990004])).mayCarry(csvChunk(rows))).toBe(false);
  });
});
