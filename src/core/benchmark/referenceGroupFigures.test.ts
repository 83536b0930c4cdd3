import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, test } from 'vitest';
import { rec, writeTestDelivery } from '../central/centralTestKit.ts';
import { exportCentralFigures } from '../central/export/exportFigures.ts';
import { importDeliveries } from '../central/intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../central/store/centralStore.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { tempDir } from '../testing/tempDir.ts';

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function addGroups(store: CentralStore, jaar: number, groups: Record<string, string[]>): void {
  for (const [code, wijken] of Object.entries(groups)) {
    store.db.prepare('INSERT INTO referentiegroep (jaar, code, naam, klein, wijken, inwoners) VALUES (?, ?, ?, 0, ?, 0)').run(jaar, code, `groep ${code}`, wijken.length);
    for (const w of wijken) store.db.prepare('INSERT INTO referentiegroep_wijk (jaar, wijk, groep, afstand) VALUES (?, ?, ?, 0)').run(jaar, w, code);
  }
}

describe('figures for the reference groups in central export', () => {
  test('a group is its wijken of every gemeente together; a pseudonym stays its gemeente’s', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const files = [
      await writeTestDelivery({
        gemeente: 'GM9901',
        periode: '2026Q2',
        dir: tempDir(),
        records: [
          rec({ client: 'a1', wijk: 'WK990101', begindatum: '2026-04-01', kosten: 100 }),
          // The same client in a second wijk of the same group: one client of RG01.
          rec({ client: 'a1', wijk: 'WK990103', begindatum: '2026-04-02', kosten: 20 }),
          rec({ client: 'a2', wijk: 'WK990102', pijler: 'JW', leeftijd: 12, begindatum: '2026-05-01', kosten: 50.5 }),
          rec({ client: 'a3', wijk: 'onbekend', begindatum: '2026-05-01', kosten: 7 }),
        ],
      }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', dir: tempDir(), records: [rec({ client: 'a1', wijk: 'WK990201', begindatum: '2026-04-01', kosten: 10 })] }),
    ];
    expect((await importDeliveries(store, files, { signal: new AbortController().signal })).map((l) => l.uitkomst)).not.toContain('geweigerd');
    addGroups(store, 2024, { RG01: ['WK990101', 'WK990103', 'WK990201'], RG02: ['WK990102'] });
    const id = Number(store.db.prepare("INSERT INTO referentie_import (soort, jaar, bestand, sha256, rijen, ingelezen) VALUES ('cbs_kwb', 2024, 't.csv', 'x', 1, '2026-01-01')").run().lastInsertRowid);
    for (const [code, inwoners, jong, tiener] of [['WK990101', 1000, 100, 50], ['WK990103', 500, 50, 20], ['WK990201', 500, 50, 30], ['WK990102', 400, 60, 10]] as const) {
      store.db.prepare("INSERT INTO cbs_regio (import_id, jaar, code, soort) VALUES (?, 2024, ?, 'wijk')").run(id, code);
      for (const [k, v] of [['inwoners', inwoners], ['leeftijd_0_15', jong], ['leeftijd_15_25', tiener]] as const) store.db.prepare('INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (2024, ?, ?, ?)').run(code, k, v);
    }
    const out = path.join(tempDir(), 'cijfers-intern.csv');
    await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { intern: true, periode: '2026Q2', out, pijlerVolgorde: ['WMO', 'JW'] }));
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const value = (gemeente: string, wijk: string, indicator: string, dimensie = '') => rows.find((r) => r.gemeente === gemeente && r.wijk === wijk && r.indicator === indicator && r.dimensie === dimensie)?.waarde;
    // GM9901's a1 (two wijken, one client) and GM9902's a1 (another client).
    expect(value('', 'RG01', 'clienten')).toBe('2');
    expect(value('', 'RG01', 'voorzieningen')).toBe('3');
    expect(value('', 'RG01', 'kosten')).toBe('130');
    expect(value('', 'RG01', 'clienten', 'pijler=WMO')).toBe('2');
    expect(value('', 'RG02', 'clienten', 'pijler=JW')).toBe('1');
    expect(value('', 'RG02', 'kosten')).toBe('50.5');
    // Inhabitants of RG01: 1000 + 500 + 500; of RG02 aged 0–17: 60 + 0.3 · 10 = 63.
    expect(value('', 'RG01', 'inwoners')).toBe('2000');
    expect(value('', 'RG01', 'clienten_per_1000')).toBe('1');
    expect(value('', 'RG01', 'kosten_per_inwoner')).toBe('0.07');
    expect(value('', 'RG02', 'clienten_per_1000', 'pijler=JW')).toBe(String(Math.round((1000 / 63) * 100) / 100));
    // The client of wijk onbekend is in no group; the gemeente's own figures are unchanged.
    expect(rows.filter((r) => r.gemeente === '' && !/^RG\d\d$/.test(r.wijk ?? ''))).toEqual([]);
    expect(value('GM9901', '', 'clienten')).toBe('3');
    expect(value('ALLE', '', 'clienten')).toBe('4');
    // Every indicator the engine gives a wijk it gives a group: the same engine, relabelled.
    const indicators = (gemeente: string, wijk: string) => [...new Set(rows.filter((r) => r.gemeente === gemeente && r.wijk === wijk).map((r) => r.indicator))].sort();
    expect(indicators('GM9901', 'WK990101').length).toBeGreaterThan(10);
    expect(indicators('GM9901', 'WK990101').filter((i) => !indicators('', 'RG01').includes(i))).toEqual([]);
    // ALLE likewise has every indicator of a gemeente (but the CBS year, which is per gemeente).
    expect(indicators('GM9901', '').filter((i) => i !== 'cbs_jaar' && !indicators('ALLE', '').includes(i))).toEqual([]);
  });

  test('without stored groups there are no RG rows', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const file = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: [rec({ client: 'a1', begindatum: '2026-04-01' })] });
    await importDeliveries(store, [file], { signal: new AbortController().signal });
    const out = path.join(tempDir(), 'cijfers-intern.csv');
    await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { intern: true, periode: '2026Q2', out, pijlerVolgorde: ['WMO'] }));
    expect(readFileSync(out, 'utf8')).not.toContain(';RG');
  });
});
