import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { replaceAreas, replaceProducts } from '../../classification/classificationStore.ts';
import { deliverFromStore } from '../../delivery/deliverFromStore.ts';
import { deliveryFiles } from '../../delivery/deliveryTestKit.ts';
import { parsePeriode } from '../../period/periode.ts';
import { createKey, createPseudonymiser } from '../../pseudonym/wm1.ts';
import { loadReferenceTables } from '../../resources/referenceTables.ts';
import { openDatabase } from '../../store/database.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { importBerichtenBatch } from './storeBerichten.ts';
import { wmo301, wmo323 } from './testMessages.ts';

describe('messages into the store', () => {
  it('stores the reconstructed voorzieningen as an import batch that a delivery from the store reads', async () => {
    const dir = tempDir();
    const db = await openDatabase(path.join(dir, 'wijkmonitor.sqlite'));
    replaceProducts(db, [{ productcode: '02A01', product: 'Begeleiding', pijler: 'WMO', categorie: '02', voorziening: 'WMO-02', leefdomein: 'LD06', financier: 'gemeente' }]);
    replaceAreas(db, [{ postcode: '9901', wijk: 'WK990101', wijknaam: 'Centrum', gebied: '' }]);
    const berichten = path.join(dir, 'berichten');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(berichten);
    const kop = { gemeente: '9901', aanbieder: '12345678', dagtekening: '2026-04-01' };
    const client = { bsn: '999900079', geboortedatum: '1990-05-05', geslacht: '1', postcode: '9901AB', huisnummer: '8' };
    writeFileSync(path.join(berichten, '301.xml'), wmo301({ ...kop, id: 'S1', client, toewijzingen: [{ nummer: '11', categorie: '02', code: '02A01', datum: '2026-04-01', tijd: '08:00:00', ingangsdatum: '2026-04-01', volume: 2, eenheid: '04', frequentie: '2' }] }));
    writeFileSync(path.join(berichten, '323.xml'), wmo323({ ...kop, id: 'S2', nummer: 'D', begindatum: '2026-04-01', einddatum: '2026-04-30', prestaties: [
      { bsn: client.bsn, referentie: 'R', nummer: '11', categorie: '02', code: '02A01', begindatum: '2026-04-01', einddatum: '2026-04-30', volume: 8, eenheid: '04', centen: 43210, dc: 'D' },
    ] }));
    const pseudonymiser = createPseudonymiser(createKey());
    const summary = await importBerichtenBatch(db, { sources: [berichten], bestand: 'berichten', periode: parsePeriode('2026Q2'), pseudonymiser });
    expect(summary).toMatchObject({ rijenIngelezen: 1, meldingen: [] });
    await expect(importBerichtenBatch(db, { sources: [berichten], bestand: 'berichten', periode: parsePeriode('2026Q2'), pseudonymiser })).rejects.toThrow(/al ingelezen/);
    const stored = JSON.stringify(db.prepare('SELECT * FROM voorziening').all());
    expect(stored).not.toContain('999900079');
    const { file } = await deliverFromStore(db, {
      periode: parsePeriode('2026Q2'), pseudonymiser, gemeente: { code: 'GM9901', naam: 'Testgemeente' }, out: path.join(dir, 'GM9901_2026Q2_levering.zip'), appVersion: 'test', now: new Date('2026-07-15T09:00:00Z'), ref: loadReferenceTables(),
    });
    const rows = Papa.parse<Record<string, string>>((await deliveryFiles(file)).get('voorzieningen.csv')!.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.productcode, r.voorziening, r.wijk, r.kosten, r.leeftijd, r.begindatum])).toEqual([['02A01', 'WMO-02', 'WK990101', '432.10', '36', '2026-04-01']]);
    db.close();
  }, 60_000);
});
