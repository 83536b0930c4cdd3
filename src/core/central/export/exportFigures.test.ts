import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, test } from 'vitest';
import { tempDir } from '../../testing/tempDir.ts';
import { rec, writeTestDelivery } from '../centralTestKit.ts';
import { importDeliveries } from '../intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { withScopedDuckDb } from '../store/scopedDuckDb.ts';
import { exportCentralFigures, internName, requireIntern } from './exportFigures.ts';

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function addCbs(store: CentralStore, jaar: number, regions: [string, 'gemeente' | 'wijk', Record<string, number>][]): void {
  const id = Number(store.db.prepare("INSERT INTO referentie_import (soort, jaar, bestand, sha256, rijen, ingelezen) VALUES ('cbs_kwb', ?, 'test.csv', 'x', 1, '2026-01-01')").run(jaar).lastInsertRowid);
  for (const [code, soort, kenmerken] of regions) {
    store.db.prepare('INSERT INTO cbs_regio (import_id, jaar, code, soort) VALUES (?, ?, ?, ?)').run(id, jaar, code, soort);
    for (const [kenmerk, waarde] of Object.entries(kenmerken)) store.db.prepare('INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (?, ?, ?, ?)').run(jaar, code, kenmerk, waarde);
  }
}

describe('central export', () => {
  test('all gemeenten with current deliveries, their wijken and ALLE, per inhabitant from the closest CBS year', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const files = [
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: [rec({ client: 'a1', wijk: 'WK990101', begindatum: '2026-04-01', kosten: 100 }), rec({ client: 'a2', wijk: 'WK990102', pijler: 'JW', leeftijd: 12, begindatum: '2026-05-01', kosten: 50.5 })] }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', dir: tempDir(), records: [rec({ client: 'a1', wijk: 'WK990201', begindatum: '2026-04-01', kosten: 10 })] }),
    ];
    const lines = await importDeliveries(store, files, { signal: new AbortController().signal });
    expect(lines.map((l) => l.uitkomst).filter((u) => u === 'geweigerd')).toEqual([]);
    addCbs(store, 2023, [['GM9901', 'gemeente', { inwoners: 1 }]]);
    addCbs(store, 2025, [
      ['GM9901', 'gemeente', { inwoners: 2000, leeftijd_0_15: 300, leeftijd_15_25: 200 }],
      ['GM9902', 'gemeente', { inwoners: 500 }],
      ['WK990101', 'wijk', { inwoners: 1000 }],
    ]);
    const out = path.join(tempDir(), 'cijfers-intern.csv');
    const result = await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: '2026Q2', out, pijlerVolgorde: ['WMO', 'JW'] }));
    expect(result).toMatchObject({ gemeenten: ['GM9901', 'GM9902'], cbsJaar: 2025 });
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const value = (gemeente: string, indicator: string, dimensie = '', wijk = '') => rows.find((r) => r.gemeente === gemeente && r.indicator === indicator && r.dimensie === dimensie && r.wijk === wijk)?.waarde;
    expect(value('GM9901', 'clienten')).toBe('2');
    // The same pseudonym in two gemeenten is two clients.
    expect(value('ALLE', 'clienten')).toBe('3');
    expect(value('ALLE', 'kosten')).toBe('160.5');
    expect(value('GM9901', 'clienten', '', 'WK990101')).toBe('1');
    expect(value('GM9901', 'cbs_jaar')).toBe('2025');
    expect(value('GM9902', 'cbs_jaar')).toBe('2025');
    expect(value('GM9901', 'clienten_per_1000')).toBe('1');
    expect(value('GM9901', 'kosten_per_inwoner')).toBe('0.08');
    // Jeugd per 1,000 aged 0–17: 300 + 0.3 × 200 = 360.
    expect(value('GM9901', 'clienten_per_1000', 'pijler=JW')).toBe(String(Math.round((1 / 360) * 1000 * 100) / 100));
    expect(value('GM9901', 'clienten_per_1000', '', 'WK990101')).toBe('1');
    expect(value('GM9901', 'clienten_per_1000', '', 'WK990102')).toBeUndefined();
    expect(value('ALLE', 'clienten_per_1000')).toBe('1.2');
    expect(value('ALLE', 'clienten_per_1000', 'pijler=JW')).toBeUndefined(); // GM9902 has no age bands
    expect(rows.every((r) => r.status === 'ok')).toBe(true);
  });

  test('without --intern it refuses, in Dutch; with it the file name says intern', () => {
    expect(() => requireIntern(false)).toThrow(/onthullingscontrole.*--intern/);
    expect(() => requireIntern(true)).not.toThrow();
    expect(internName('/tmp/cijfers.csv')).toBe('/tmp/cijfers-intern.csv');
  });
});
