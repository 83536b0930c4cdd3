import { createWriteStream, readFileSync } from 'node:fs';
import yazl from 'yazl';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { exportCentralFigures } from '../central/export/exportFigures.ts';
import { importDeliveries } from '../central/intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../central/store/centralStore.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { readAreaFile, readProductFile } from '../classification/tableFiles.ts';
import { deliverFromExports } from '../delivery/deliverFromExports.ts';
import { manifestSchema } from '../delivery/deliveryManifest.ts';
import { deliveryFiles } from '../delivery/deliveryTestKit.ts';
import { verifyDelivery } from '../delivery/verifyDelivery.ts';
import { figuresFromDeliveries } from '../indicators/deliveryFigures.ts';
import { testRecords } from '../indicators/indicatorTestKit.ts';
import { prepareExport } from '../import/prepareExport.ts';
import { loadRecordParsers } from '../import/recordParsers.ts';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { readDeliveryLasten, type DeliveryLast } from './deliveryLasten.ts';
import { splitKostenBron } from './kostenBron.ts';
import { approveDelivery } from '../central/approval/approveDelivery.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
let fixtures: FixtureSet;
const opened: CentralStore[] = [];
beforeAll(async () => {
  fixtures = await fixtureSet();
});
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function deliver(lasten: DeliveryLast[]) {
  const prepared = await prepareExport(fixtures.export('GM9901', '2026Q3'), { ref, parsers });
  const out = path.join(tempDir(), 'GM9901_2026Q3_levering.zip');
  const result = await deliverFromExports({
    exports: [prepared],
    pseudonymiser: createPseudonymiser(createKey()),
    gemeente: { code: 'GM9901', naam: 'Testgemeente' },
    periode: parsePeriode('2026Q3'),
    products: await readProductFile(fixtures.products('GM9901'), ref),
    areas: await readAreaFile(fixtures.areas('GM9901')),
    out,
    appVersion: 'test',
    now: new Date('2026-10-15T09:00:00Z'),
    ref,
    parsers,
    lasten,
  });
  return { ...result, out };
}

/** A product the fixture delivers in 2026Q3, to carry the lasten. */
async function someProduct(file: string): Promise<string> {
  const rows = Papa.parse<Record<string, string>>((await deliveryFiles(file)).get('voorzieningen.csv')!.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;
  return rows[0]!.productcode!;
}

describe('levering v2: lasten.csv', () => {
  test('without lasten the delivery is v1; with lasten v2, listed in bestanden, read back by verify, by figures and by the analyst', async () => {
    const v1 = await deliver([]);
    expect(v1.manifest.versie).toBe(1);
    expect(v1.manifest.bestanden['lasten.csv']).toBeUndefined();
    const product = await someProduct(v1.out);

    const v2 = await deliver([
      { productcode: product, aanbieder: '', kosten: 12_345.6 },
      { productcode: 'ZZ-GEEN', aanbieder: '', kosten: 5 },
    ]);
    expect(v2.manifest.versie).toBe(2);
    expect(v2.manifest.bestanden['lasten.csv']?.rijen).toBe(2);
    const files = await deliveryFiles(v2.out);
    expect([...files.keys()].sort()).toEqual(['gebieden.csv', 'kwaliteit.csv', 'lasten.csv', 'levering.json', 'producten.csv', 'voorzieningen.csv']);
    expect(files.get('lasten.csv')).toBe(`\uFEFFproductcode;aanbieder;kosten\r\n${product};;12345.60\r\nZZ-GEEN;;5.00\r\n`);
    const verified = await verifyDelivery(v2.out);
    expect(verified).toMatchObject({ ok: true, problems: [], lasten: [{ productcode: product, aanbieder: '', kosten: 12_345.6 }, { productcode: 'ZZ-GEEN', aanbieder: '', kosten: 5 }] });

    // The gemeente's own `figures` from the delivery: allocated.
    const t = await testRecords();
    try {
      await t.loadDelivery(v2.out);
      const scope = await t.scope('2026Q3');
      expect(scope.toerekening?.lasten[0]).toMatchObject({ productcode: product, kosten: 12_345.6, regel: 'dagen' });
      expect(scope.toerekening?.nietToegerekend.map((l) => l.productcode)).toEqual(['ZZ-GEEN']);
    } finally {
      t.close();
    }
    // `figures --programmering`: the programmering's cost figures marked with their kosten_bron too.
    const withTargets = path.join(tempDir(), 'cijfers-programmering.csv');
    const programmering = ref.pijlers.map((p) => ({ jaar: 2026, pijler: p.code, productcode: '', aanbieder: '', wijk: '', clienten: null, kosten: 1_000_000, aandeel: null }));
    await figuresFromDeliveries([v2.out], parsePeriode('2026Q3'), withTargets, ref, undefined, { programmering });
    const figureRows = Papa.parse<Record<string, string>>(readFileSync(withTargets, 'utf8').replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const sumOf = (indicator: string, bron: string | null) =>
      figureRows.filter((r) => r.indicator === indicator && /^pijler=[^|]+$/.test(splitKostenBron(r.dimensie!).dimensie) && splitKostenBron(r.dimensie!).bron === bron).reduce((n, r) => n + Number(r.waarde), 0);
    // Only 2026Q3 of the year: the allocated 12 345,60 projects × 365 / 92 in the one pijler of the product.
    expect(sumOf('prognose_kosten', 'toegerekend')).toBeCloseTo(Math.round((12_345.6 * 365 * 100) / 92) / 100, 2);
    expect(sumOf('prognose_kosten', null)).toBeCloseTo(sumOf('prognose_kosten', 'client') + sumOf('prognose_kosten', 'toegerekend'), 1);
    expect(sumOf('realisatie_kosten_pct', 'toegerekend')).toBeCloseTo((12_345.6 / 1_000_000) * 100, 2);
    expect(figureRows.filter((r) => r.indicator === 'streef_kosten' && r.dimensie!.includes('kosten_bron'))).toEqual([]);

    // The analyst: intake keeps the lasten, export shows every cost figure with and without them.
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const lines = await importDeliveries(store, [v1.out], { signal: new AbortController().signal });
    expect(lines[0]!.uitkomst).toBe('nieuw');
    const out1 = path.join(tempDir(), 'cijfers-intern.csv');
    await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { intern: true, periode: '2026Q3', out: out1, pijlerVolgorde: ['WMO', 'JW'] }));
    expect(readFileSync(out1, 'utf8')).not.toContain('kosten_bron');

    const lines2 = await importDeliveries(store, [v2.out], { signal: new AbortController().signal });
    expect(lines2[0]!.uitkomst).toBe('vervangt');
    const out2 = path.join(tempDir(), 'cijfers-intern.csv');
    const result2 = await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { intern: true, periode: '2026Q3', out: out2, pijlerVolgorde: ['WMO', 'JW'] }));
    expect(result2.nietToegerekend).toMatchObject([{ gemeente: 'GM9901', periode: '2026Q3', productcode: 'ZZ-GEEN', kosten: 5 }]);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out2, 'utf8').replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const value = (indicator: string, dimensie: string) => Number(rows.find((r) => r.gemeente === 'GM9901' && r.wijk === '' && r.indicator === indicator && r.dimensie === dimensie)?.waarde);
    expect(value('kosten', 'kosten_bron=toegerekend')).toBe(12_345.6);
    expect(value('kosten', '')).toBeCloseTo(value('kosten', 'kosten_bron=client') + 12_345.6, 2);
    expect(value('kosten', `productcode=${product}|kosten_bron=toegerekend`)).toBe(12_345.6);

    // Published: a marked figure has the status of its unmarked cell, whatever that is.
    approveDelivery(store.db, { gemeente: 'GM9901', periode: '2026Q3', door: 'Test' });
    const published = path.join(tempDir(), 'cijfers.csv');
    await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { intern: false, periode: '2026Q3', out: published, pijlerVolgorde: ['WMO', 'JW'] }));
    const release = Papa.parse<Record<string, string>>(readFileSync(published, 'utf8').replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const statusOf = new Map(release.filter((r) => r.indicator === 'kosten' && !r.dimensie!.includes('kosten_bron')).map((r) => [`${r.wijk}|${r.dimensie}`, r.status]));
    const marked = release.filter((r) => r.dimensie!.includes('kosten_bron'));
    expect(marked.length).toBeGreaterThan(0);
    for (const r of marked) expect(r.status).toBe(statusOf.get(`${r.wijk}|${splitKostenBron(r.dimensie!).dimensie}`));
    expect(marked.some((r) => r.status === 'onderdrukt')).toBe(true);
  }, 120_000);

  test('verify refuses a lasten.csv a v1 manifest does not list, a v2 without it, and a changed amount', async () => {
    const v2 = await deliver([{ productcode: 'P1', aanbieder: '', kosten: 100 }]);
    const files = await deliveryFiles(v2.out);
    const manifest = JSON.parse(files.get('levering.json')!) as { versie: number; bestanden: Record<string, unknown> };
    const rezip = async (entries: Map<string, string>) => {
      const zip = new yazl.ZipFile();
      for (const [name, text] of entries) zip.addBuffer(Buffer.from(text, 'utf8'), name);
      zip.end();
      const out = path.join(tempDir(), 'GM9901_2026Q3_levering.zip');
      await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject));
      return verifyDelivery(out);
    };
    const { 'lasten.csv': _lasten, ...v1Files } = manifest.bestanden;
    const asV1 = new Map(files).set('levering.json', JSON.stringify({ ...manifest, versie: 1, bestanden: v1Files }));
    expect((await rezip(asV1)).problems).toContain('lasten.csv staat in de levering, maar levering.json is versie 1 en noemt het niet.');
    const withoutFile = new Map(files);
    withoutFile.delete('lasten.csv');
    expect((await rezip(withoutFile)).problems).toEqual(['Ontbrekend bestand in de levering: lasten.csv (levering.json is versie 2).']);
    const changed = new Map(files).set('lasten.csv', files.get('lasten.csv')!.replace('100.00', '900.00'));
    expect((await rezip(changed)).problems).toContain('lasten.csv: de controlesom klopt niet met levering.json.');
  }, 60_000);

  test('the manifest: versie 2 must list lasten.csv and versie 1 must not', () => {
    const summary = { rijen: 1, sha256: 'a'.repeat(64) };
    const base = {
      formaat: 'wijkmonitor-levering',
      gemeentecode: 'GM9901',
      gemeentenaam: 'Test',
      periode: '2026Q3',
      periode_begin: '2026-07-01',
      periode_eind: '2026-09-30',
      aangemaakt: '2026-10-01T00:00:00Z',
      app_versie: 'test',
      sleutel: '0123456789abcdef',
      kwaliteit: {},
    };
    const four = { 'voorzieningen.csv': summary, 'producten.csv': summary, 'gebieden.csv': summary, 'kwaliteit.csv': summary };
    expect(manifestSchema.safeParse({ ...base, versie: 1, bestanden: four }).success).toBe(true);
    expect(manifestSchema.safeParse({ ...base, versie: 2, bestanden: { ...four, 'lasten.csv': summary } }).success).toBe(true);
    expect(manifestSchema.safeParse({ ...base, versie: 2, bestanden: four }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...base, versie: 1, bestanden: { ...four, 'lasten.csv': summary } }).success).toBe(false);
    expect(manifestSchema.safeParse({ ...base, versie: 3, bestanden: four }).success).toBe(false);
  });

  test('bad rows of lasten.csv are named by row and column', () => {
    const header = ['productcode', 'aanbieder', 'kosten'];
    expect(readDeliveryLasten([header, ['P1', '', '100.00'], ['P2', 'A', '1.5']], '2026Q3')).toEqual({
      lasten: [
        { productcode: 'P1', aanbieder: '', kosten: 100 },
        { productcode: 'P2', aanbieder: 'A', kosten: 1.5 },
      ],
      problems: [],
    });
    expect(readDeliveryLasten([header, ['P1', '', '1.320']], '2026Q3').problems).toEqual(["rij 2, kolom kosten: '1.320' is geen bedrag in euro's met een punt en twee decimalen"]);
    expect(readDeliveryLasten([header, ['P1', '', '10.00'], ['P1', 'A', '5.00']], '2026Q3').problems[0]).toMatch(/rij 3, kolom aanbieder: product P1 heeft in 2026Q3 al een totaal zonder aanbieder \(rij 2\)/);
    expect(readDeliveryLasten([header, ['', '', '5.00']], '2026Q3').problems[0]).toMatch(/rij 2, kolom productcode: leeg/);
  });
});
