import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../store/database.ts';
import { tempDir } from '../testing/tempDir.ts';
import { haarlemProgrammering } from './haarlemProgrammering.ts';
import { deleteProgrammeringRow, listProgrammering, parseTarget, readProgrammeringFile, replaceProgrammering, saveProgrammeringRow, writeProgrammeringFile } from './programmeringTable.ts';

const pijlers = ['WMO', 'JW', 'PW'];
const csv = (name: string, text: string) => {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
};

describe('the programmering table', () => {
  test.each([
    ['1234', 1234],
    ['1234,5', 1234.5],
    ['1.234,56', 1234.56],
    ['€ 1.234', 1234],
    ['1234.56', 1234.56],
    ['', null],
    ['-5', 'ongeldig'],
    ['12.50,3', 'ongeldig'],
    ['veel', 'ongeldig'],
  ])('reads the target %j as %j', (text, value) => {
    expect(parseTarget(text)).toBe(value);
  });

  test.each(['programmering.csv', 'programmering.xlsx'])('the Haarlem shift survives a round trip through %s', async (name) => {
    const rows = haarlemProgrammering();
    const file = path.join(tempDir(), name);
    await writeProgrammeringFile(file, rows);
    expect(await readProgrammeringFile(file, pijlers)).toEqual(rows);
  });

  test('a Dutch spreadsheet’s CSV: comma decimals, lower-case pijler, a bare CBS wijk number', async () => {
    const file = csv('p.csv', 'Jaar;Pijler;Productcode;Aanbieder;Wijk;Clienten;Kosten;Aandeel\n2026;jw;45A04;;039201;12,5;"1.250.000,50";\n');
    expect(await readProgrammeringFile(file, pijlers)).toEqual([{ jaar: 2026, pijler: 'JW', productcode: '45A04', aanbieder: '', wijk: 'WK039201', clienten: 12.5, kosten: 1250000.5, aandeel: null }]);
  });

  test('every wrong value is named by file, row and column', async () => {
    const file = csv(
      'fout.csv',
      'jaar;pijler;productcode;aanbieder;wijk;clienten;kosten;aandeel\n' +
        '26;WMO;P1;;;1;;\n' +
        '2026;ZORG;P1;;;1;;\n' +
        '2026;WMO;P1;;;veel;;\n' +
        '2026;WMO;P2;;;;;120\n' +
        '2026;WMO;P3;;;;;\n' +
        '2026;WMO;P4;;;1;;\n' +
        '2026;WMO;P4;;;2;;\n',
    );
    const error = await readProgrammeringFile(file, pijlers).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      'Programmering fout.csv: rij 2, kolom jaar: \'26\' is geen jaartal (2000-2100); rij 3, kolom pijler: \'ZORG\' is geen pijler (WMO, JW, PW); ' +
        "rij 4, kolom clienten: 'veel' is geen getal van 0 of meer; rij 5, kolom aandeel: 120 is meer dan 100 (het aandeel is een percentage); " +
        'rij 6, kolom clienten: geen streefwaarde (vul clienten, kosten of aandeel in); ' +
        'rij 8, kolom jaar: dezelfde combinatie van jaar, pijler, productcode, aanbieder en wijk staat ook in rij 7.',
    );
  });

  test('a missing column and a table without rows are refused', async () => {
    await expect(readProgrammeringFile(csv('k.csv', 'jaar;pijler;productcode;clienten\n2026;WMO;P1;3\n'), pijlers)).rejects.toThrow('k.csv: kolom kosten ontbreekt');
    await expect(readProgrammeringFile(csv('leeg.csv', 'jaar;pijler;productcode;aanbieder;wijk;clienten;kosten;aandeel\n'), pijlers)).rejects.toThrow("De programmering 'leeg.csv' bevat geen rijen");
  });

  test('stored: replaced whole, a row edited in place or moved to a new key, deleted', async () => {
    const db = await openDatabase(path.join(tempDir(), 'store.sqlite'));
    const rows = haarlemProgrammering();
    replaceProgrammering(db, rows);
    expect(listProgrammering(db)).toHaveLength(21);
    expect(listProgrammering(db, 2020)).toHaveLength(7);
    const first = listProgrammering(db)[0]!;
    saveProgrammeringRow(db, { ...first, clienten: 99 }, first);
    expect(listProgrammering(db)[0]).toEqual({ ...first, clienten: 99 });
    saveProgrammeringRow(db, { ...first, aanbieder: '41000001' }, first);
    expect(listProgrammering(db)).toHaveLength(21);
    expect(listProgrammering(db).some((r) => r.aanbieder === '41000001' && r.productcode === first.productcode)).toBe(true);
    expect(deleteProgrammeringRow(db, { ...first, aanbieder: '41000001' })).toBe(true);
    expect(listProgrammering(db)).toHaveLength(20);
    db.close();
  });
});
