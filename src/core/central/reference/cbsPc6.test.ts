import { describe, expect, test } from 'vitest';
import { readAreaFile, writeTableFile } from '../../classification/tableFiles.ts';
import { AREA_COLUMNS } from '../../classification/areaTable.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { openCentralStore } from '../store/centralStore.ts';
import { readCbsPc6 } from './cbsPc6.ts';
import { importReferenceFiles } from './importReference.ts';
import { pc6AreaTable } from './pc6AreaTable.ts';
import { loadReferenceResources } from './referenceResources.ts';
import { refusal, writeTemp } from './testFiles.ts';
import path from 'node:path';

const resources = loadReferenceResources();

// Invented postcodes. 9901AA spans two wijken (2 addresses against 1), 9901AC ties 1–1;
// the 363 rows have lost their leading zeros, one buurt code holds letters.
const PC6_ROWS = [
  ['9901AA', '1', '99010101', '990101', '9901'],
  ['9901AA', '3', '99010101', '990101', '9901'],
  ['9901AA', '5', '99010201', '990102', '9901'],
  ['9901AB', '1', '99010201', '990102', '9901'],
  ['9901AB', '2', '99010201', '990102', '9901'],
  ['9901AC', '1', '99010201', '990102', '9901'],
  ['9901AC', '2', '99010101', '990101', '9901'],
  ['1011ZZ', '1', '3630000', '36300', '363'],
  ['1011ZZ', '2', '0363AA01', '0363AA', '363'],
];
const pc6File = (separator: string, name = 'pc6hnr20300801_gwb.csv') =>
  writeTemp(name, [['PC6', 'Huisnummer', 'Buurt2030', 'Wijk2030', 'Gemeente2030'], ...PC6_ROWS].map((r) => r.join(separator)).join('\r\n') + '\r\n');

describe('CBS postcode file', () => {
  test.each([';', ','])('aggregates addresses per PC6 and buurt, codes padded and prefixed (separator %s)', async (separator) => {
    const pc6 = await readCbsPc6(pc6File(separator), resources);
    expect(pc6.jaar).toEqual({ jaar: 2030, uit: 'kolom Buurt2030' });
    expect(pc6.rijen).toBe(9);
    expect(pc6.parts).toEqual([
      { pc6: '9901AA', buurt: 'BU99010101', wijk: 'WK990101', gemeente: 'GM9901', adressen: 2 },
      { pc6: '9901AA', buurt: 'BU99010201', wijk: 'WK990102', gemeente: 'GM9901', adressen: 1 },
      { pc6: '9901AB', buurt: 'BU99010201', wijk: 'WK990102', gemeente: 'GM9901', adressen: 2 },
      { pc6: '9901AC', buurt: 'BU99010201', wijk: 'WK990102', gemeente: 'GM9901', adressen: 1 },
      { pc6: '9901AC', buurt: 'BU99010101', wijk: 'WK990101', gemeente: 'GM9901', adressen: 1 },
      { pc6: '1011ZZ', buurt: 'BU03630000', wijk: 'WK036300', gemeente: 'GM0363', adressen: 1 },
      { pc6: '1011ZZ', buurt: 'BU0363AA01', wijk: 'WK0363AA', gemeente: 'GM0363', adressen: 1 },
    ]);
  });

  test('bad postcodes and codes that do not belong together are refused by row and column', async () => {
    const file = writeTemp('pc6hnr20300801_gwb.csv', 'PC6;Huisnummer;Buurt2030;Wijk2030;Gemeente2030\n0123AB;1;99010101;990101;9901\n9901AA;1;99010101;990102;9901\n9901AB;1;;990101;9901\n');
    const error = await refusal(readCbsPc6(file, resources));
    expect(error.message).toContain('rij 2, kolom "PC6": "0123AB" is geen PC6');
    expect(error.message).toContain('rij 3, kolom "Buurt2030": buurt BU99010101, wijk WK990102 en gemeente GM9901 horen niet bij elkaar');
    expect(error.message).toContain('rij 4, kolom "Buurt2030": geen buurtcode');
  });

  test('a --jaar that contradicts the BuurtYYYY header is refused', async () => {
    await expect(readCbsPc6(pc6File(';'), resources, { jaar: 2029 })).rejects.toThrow(/hoort bij 2030 \(kolom Buurt2030\), maar --jaar zegt 2029/);
  });

  test('the year comes from the header, else from pc6hnrYYYY in the name', async () => {
    const file = writeTemp('pc6hnr20250801_gwb.csv', 'PC6;Huisnummer;Buurt;Wijk;Gemeente\n9901AA;1;99010101;990101;9901\n');
    expect((await readCbsPc6(file, resources)).jaar).toEqual({ jaar: 2025, uit: 'bestandsnaam' });
  });
});

describe('area table per PC6 from the CBS postcode file', () => {
  test('picks the wijk with most addresses, counts the ambiguous PC6s, names wijken from the Kerncijfers', async () => {
    const store = await openCentralStore(tempDir());
    const kwb = writeTemp(
      'kwb2030.csv',
      '"Wijken en buurten";"Regioaanduiding/Codering (code)";"Bevolking/Aantal inwoners (aantal)"\n"Heidebroek";"GM9901";300\n"Centrum";"WK990101";200\n',
    );
    const results = await importReferenceFiles(store.db, [pc6File(';'), kwb]);
    expect(results.map((r) => r.status)).toEqual(['nieuw', 'nieuw']);
    const table = pc6AreaTable(store.db, 'GM9901');
    expect(table.jaar).toBe(2030);
    expect(table.rows).toEqual([
      { postcode: '9901AA', wijk: 'WK990101', wijknaam: 'Centrum', gebied: '' },
      { postcode: '9901AB', wijk: 'WK990102', wijknaam: '', gebied: '' },
      // A tie goes to the lower code, so the same file always gives the same table.
      { postcode: '9901AC', wijk: 'WK990101', wijknaam: 'Centrum', gebied: '' },
    ]);
    expect(table.dubbelzinnig).toBe(2);
    expect(table.zonderNaam).toBe(1);

    // Written by the interchange writer, read back by the gemeente edition's own reader.
    const out = path.join(tempDir(), 'gebieden.csv');
    await writeTableFile(out, AREA_COLUMNS, table.rows);
    expect(await readAreaFile(out)).toEqual(table.rows);
    expect(() => pc6AreaTable(store.db, 'GM9902')).toThrow(/geen CBS-postcodebestand ingelezen met adressen in GM9902/);
    expect(() => pc6AreaTable(store.db, 'GM9901', 2029)).toThrow(/geen CBS-postcodebestand voor 2029/);
    store.close();
  });
});
