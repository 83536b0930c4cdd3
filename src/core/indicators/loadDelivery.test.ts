import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import yazl from 'yazl';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { DELIVERY_COLUMNS, deliveryRow, type DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { DELIVERY_FILE_COLUMNS, DELIVERY_FILES } from '../delivery/deliveryManifest.ts';
import { tempDir } from '../testing/tempDir.ts';
import { rec, testRecords, type TestRecords } from './indicatorTestKit.ts';
import { loadDelivery } from './loadDelivery.ts';

/** A levering v1 zip written here by hand, so a test can break exactly one thing in it. */
async function deliveryZip(rows: (string | number)[][], options: { declaredRows?: number; header?: readonly string[] } = {}): Promise<string> {
  const csv = Buffer.from(UTF8_BOM + csvChunk([options.header ?? DELIVERY_COLUMNS, ...rows]), 'utf8');
  // The other files hold only their header: verify (which loading applies) refuses anything less.
  const empty = (f: (typeof DELIVERY_FILES)[number]) => Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS[f]]), 'utf8');
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const manifest = {
    formaat: 'wijkmonitor-levering',
    versie: 1,
    gemeentecode: 'GM9901',
    gemeentenaam: 'Testgemeente',
    periode: '2026Q3',
    periode_begin: '2026-07-01',
    periode_eind: '2026-09-30',
    aangemaakt: '2026-10-05T10:00:00.000Z',
    app_versie: 'test',
    sleutel: '0123456789abcdef',
    bestanden: Object.fromEntries(DELIVERY_FILES.map((f) => [f, f === 'voorzieningen.csv' ? { rijen: options.declaredRows ?? rows.length, sha256: sha(csv) } : { rijen: 0, sha256: sha(empty(f)) }])),
    kwaliteit: {},
  };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'levering.json');
  for (const f of DELIVERY_FILES) zip.addBuffer(f === 'voorzieningen.csv' ? csv : empty(f), f);
  zip.end();
  const file = path.join(tempDir(), 'GM9901_2026Q3_levering.zip');
  await finished(zip.outputStream.pipe(createWriteStream(file)));
  return file;
}

const record = (overrides: Partial<DeliveryRecord> = {}) => rec({ client: 'c1', begindatum: '2026-07-01', ...overrides });

async function clientsAndCosts(t: TestRecords) {
  const all = await t.figures('2026Q3', [{ niveau: 'gemeente', dimensions: [[]] }]);
  return { clienten: all.find((f) => f.indicator === 'clienten')?.waarde, kosten: all.find((f) => f.indicator === 'kosten')?.waarde };
}

let t: TestRecords;
beforeEach(async () => {
  t = await testRecords();
});
afterEach(() => t.close());

describe('loading a delivery into the indicator engine', () => {
  test('every value comes back as written, formula guards and negative amounts included', async () => {
    const rows = [record({ kosten: 100.25, product: '=gevaarlijk', aanbieder_naam: '-min' }), record({ client: 'c2', kosten: -20.1, leeftijd: 7 })].map(deliveryRow);
    const { manifest, rijen } = await loadDelivery(t.set, await deliveryZip(rows), { tempDir: tempDir() });
    expect([manifest.gemeentecode, rijen]).toEqual(['GM9901', 2]);
    expect(await clientsAndCosts(t)).toEqual({ clienten: 2, kosten: 80.15 });
    const back = (await t.connection.runAndReadAll('SELECT product, aanbieder_naam, kosten, leeftijd FROM rec ORDER BY rij')).getRowObjectsJS();
    expect(back).toEqual([
      { product: '=gevaarlijk', aanbieder_naam: '-min', kosten: 10025n, leeftijd: 40 },
      { product: 'Product 1', aanbieder_naam: 'Aanbieder 1', kosten: -2010n, leeftijd: 7 },
    ]);
  });

  test('a value against the contract names file, row and column and loads nothing', async () => {
    const good = deliveryRow(record());
    const bad = deliveryRow(record({ client: 'c2' }));
    bad[DELIVERY_COLUMNS.indexOf('kosten')] = '12,50';
    const error = await t.loadDelivery(await deliveryZip([good, bad])).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'GM9901_2026Q3_levering.zip, voorzieningen.csv rij 3, kolom kosten: geen geldig getal (verwacht: cijfers met een punt als decimaalteken).', location: { row: 3, column: 'kosten' } });
    expect(t.set.loaded()).toEqual([]);
    expect((await t.scope('2026Q3')).bronnen).toEqual([]);
  });

  test('a row count or checksum that does not match levering.json refuses the delivery', async () => {
    await expect(t.loadDelivery(await deliveryZip([deliveryRow(record())], { declaredRows: 2 }))).rejects.toThrow('klopt niet met levering.json');
    await expect(t.loadDelivery(await deliveryZip([], { header: ['client', 'bsn'] }))).rejects.toThrow('de kolommen van voorzieningen.csv wijken af van levering v1');
    expect(t.set.loaded()).toEqual([]);
  });

  test('a failed corrected delivery leaves the earlier one counted', async () => {
    await t.loadDelivery(await deliveryZip([deliveryRow(record({ kosten: 5 }))]));
    const broken = deliveryRow(record({ kosten: 6 }));
    broken[DELIVERY_COLUMNS.indexOf('begindatum')] = '01-07-2026';
    await expect(t.loadDelivery(await deliveryZip([broken]))).rejects.toThrow('kolom begindatum: geen datum als JJJJ-MM-DD');
    expect(await clientsAndCosts(t)).toEqual({ clienten: 1, kosten: 5 });
  });

  test('a plain file with a row of another number of fields is refused by its row, in Dutch, never quoting the line', async () => {
    const short = deliveryRow(record({ client: 'c2' })).slice(0, -1);
    const error = (await t.loadDelivery(await deliveryZip([deliveryRow(record()), short])).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'LEVERING_RIJ', message: 'GM9901_2026Q3_levering.zip, voorzieningen.csv rij 3: 24 velden in plaats van 25.' });
    expect(t.set.loaded()).toEqual([]);
  });

  test('staged in many parts, a delivery loads as in one; a short row or a wrong value in a later part is named by its row', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => deliveryRow(record({ client: `c${i}`, kosten: i })));
    const whole = await testRecords();
    try {
      await loadDelivery(whole.set, await deliveryZip(rows), { tempDir: tempDir() });
      await loadDelivery(t.set, await deliveryZip(rows), { tempDir: tempDir(), partBytes: 1000 });
      const all = (x: TestRecords) => x.connection.runAndReadAll('SELECT * FROM rec ORDER BY rij').then((r) => r.getRowsJS());
      expect(await all(t)).toEqual(await all(whole));
    } finally {
      whole.close();
    }
    const short = rows.map((r, i) => (i === 150 ? r.slice(0, -1) : r));
    await expect(loadDelivery(t.set, await deliveryZip(short), { tempDir: tempDir(), partBytes: 1000 })).rejects.toMatchObject({ code: 'LEVERING_RIJ', message: 'GM9901_2026Q3_levering.zip, voorzieningen.csv rij 152: 24 velden in plaats van 25.' });
    const wrong = rows.map((r, i) => (i === 150 ? r.map((v, k) => (k === DELIVERY_COLUMNS.indexOf('leeftijd') ? '7.5' : v)) : r));
    await expect(loadDelivery(t.set, await deliveryZip(wrong), { tempDir: tempDir(), partBytes: 1000 })).rejects.toMatchObject({ message: 'GM9901_2026Q3_levering.zip, voorzieningen.csv rij 152, kolom leeftijd: geen geldig getal (verwacht: cijfers met een punt als decimaalteken).' });
    expect(t.set.loaded()).toHaveLength(1);
  });

  test('a file that is not plain (a quoted value, a possible BSN that is none) is read field by field with the same result', async () => {
    const rows = [record({ product: 'Begeleiding; groep "B"' }), record({ client: 'c2', product: 'Telefoon 123456789', kosten: 7 })].map(deliveryRow);
    const { rijen } = await loadDelivery(t.set, await deliveryZip(rows), { tempDir: tempDir() });
    expect(rijen).toBe(2);
    const back = (await t.connection.runAndReadAll('SELECT product FROM rec ORDER BY rij')).getRowsJS();
    expect(back).toEqual([['Begeleiding; groep "B"'], ['Telefoon 123456789']]);
  });

  test('a value that may be a BSN refuses the delivery, as verify does', async () => {
    const rows = [record(), record({ client: 'c2', product: 'nr 999999990' })].map(deliveryRow);
    await expect(t.loadDelivery(await deliveryZip(rows))).rejects.toThrow('rij 3, kolom product: een getal dat een BSN kan zijn');
    expect(t.set.loaded()).toEqual([]);
  });
});

