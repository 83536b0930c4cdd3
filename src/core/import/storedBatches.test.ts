import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { replaceAreas, replaceProducts } from '../classification/classificationStore.ts';
import { deliverFromStore } from '../delivery/deliverFromStore.ts';
import { deliveryFiles } from '../delivery/deliveryTestKit.ts';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { openDatabase } from '../store/database.ts';
import { tempDir } from '../testing/tempDir.ts';
import { importBatch } from './importBatch.ts';
import { prepareExport } from './prepareExport.ts';
import { loadRecordParsers } from './recordParsers.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();

describe('a longer period from the store', () => {
  test('one client at two named aanbieders without AGB code: each keeps its own voorziening across quarters', async () => {
    const dir = tempDir();
    const db = await openDatabase(path.join(dir, 'wijkmonitor.sqlite'));
    replaceProducts(db, [{ productcode: 'HH', product: 'Huishoudelijke hulp', pijler: 'WMO', categorie: '01', voorziening: 'WMO-01', leefdomein: 'LD02', financier: 'gemeente' }]);
    replaceAreas(db, [{ postcode: '9901', wijk: 'WK990101', wijknaam: 'Centrum', gebied: '' }]);
    const pseudonymiser = createPseudonymiser(createKey());
    // The second quarter's export lists the two providers the other way round.
    const quarters = [
      ['2026Q1', [['Stichting Zorg=Nabij', '100,00'], ['Zorggroep Ééndracht & Cie', '10,00']]],
      ['2026Q2', [['ZORGGROEP EENDRACHT & CIE', '20,00'], ['Stichting Zorg=Nabij', '200,00']]],
    ] as const;
    for (const [periode, rows] of quarters) {
      const file = path.join(dir, `export_${periode}.csv`);
      writeFileSync(file, ['BSN;Productcode;Begindatum;Aanbieder;Bedrag;Postcode', ...rows.map(([naam, bedrag]) => `999900006;HH;01-01-2026;${naam};${bedrag};9901AB`)].join('\r\n'));
      const prepared = await prepareExport(file, { ref, parsers });
      expect(prepared.mapping.aanbieder).toBeUndefined();
      const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'test', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal } as never;
      await importBatch(db, { prepared, periode: parsePeriode(periode), profile, pseudonymiser, parsers });
    }
    const { file } = await deliverFromStore(db, {
      periode: parsePeriode('2026H1'), pseudonymiser, gemeente: { code: 'GM9901', naam: 'Testgemeente' }, out: path.join(dir, 'GM9901_2026H1_levering.zip'), appVersion: 'test', now: new Date('2026-07-15T09:00:00Z'), ref,
    });
    const records = Papa.parse<Record<string, string>>((await deliveryFiles(file)).get('voorzieningen.csv')!.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(records.map((r) => [r.aanbieder_naam, r.kosten]).sort()).toEqual([
      ['Stichting Zorg=Nabij', '300.00'],
      ['ZORGGROEP EENDRACHT & CIE', '30.00'],
    ]);
    db.close();
  });
});
