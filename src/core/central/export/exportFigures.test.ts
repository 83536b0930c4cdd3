import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, test } from 'vitest';
import { tempDir } from '../../testing/tempDir.ts';
import { rec, writeTestDelivery } from '../centralTestKit.ts';
import { importDeliveries } from '../intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { withScopedDuckDb } from '../store/scopedDuckDb.ts';
import { approveDelivery } from '../approval/approveDelivery.ts';
import { records } from '../centralTestKit.ts';
import { setThreshold } from '../settings/thresholds.ts';
import { exportCentralFigures, internName } from './exportFigures.ts';

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
    const result = await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: '2026Q2', out, intern: true, pijlerVolgorde: ['WMO', 'JW'] }));
    expect(result).toMatchObject({ gemeenten: ['GM9901', 'GM9902'], cbsJaren: [{ jaar: 2025, gemeenten: ['GM9901', 'GM9902'] }] });
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

  test('the CBS year per gemeente: 2023 for both and 2024 for one gives each its own year, ALLE the sum', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const q = { begindatum: '2026-04-01', leeftijd: 70, geslacht: '2' } as const;
    const files = [
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: records(4, { ...q, wijk: 'WK990101', kosten: 100 }, 'a') }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', dir: tempDir(), records: records(3, { ...q, wijk: 'WK990201', kosten: 10 }, 'b') }),
    ];
    expect((await importDeliveries(store, files, { signal: new AbortController().signal })).map((l) => l.uitkomst)).not.toContain('geweigerd');
    const margins = (inwoners: number) => ({ inwoners, mannen: inwoners / 2, vrouwen: inwoners / 2, leeftijd_0_15: inwoners / 5, leeftijd_15_25: inwoners / 5, leeftijd_25_45: inwoners / 5, leeftijd_45_65: inwoners / 5, leeftijd_65_plus: inwoners / 5 });
    addCbs(store, 2023, [
      ['GM9901', 'gemeente', margins(1000)],
      ['WK990101', 'wijk', margins(500)],
      ['GM9902', 'gemeente', margins(3000)],
      ['WK990201', 'wijk', margins(1500)],
    ]);
    // A newer file for GM9901 only (replaceKwbRegions.ts keeps GM9902's 2023 figures).
    addCbs(store, 2024, [
      ['GM9901', 'gemeente', margins(2000)],
      ['WK990101', 'wijk', margins(1000)],
    ]);
    // One reference group of a wijk of each: its parts keep their gemeente's year.
    store.db.prepare("INSERT INTO referentiegroep (jaar, code, naam, klein, wijken, inwoners) VALUES (2024, 'RG01', 'groep', 0, 2, 2500)").run();
    for (const w of ['WK990101', 'WK990201']) store.db.prepare("INSERT INTO referentiegroep_wijk (jaar, wijk, groep, afstand) VALUES (2024, ?, 'RG01', 0)").run(w);
    const out = path.join(tempDir(), 'cijfers-intern.csv');
    const result = await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: '2026Q2', out, intern: true, pijlerVolgorde: ['WMO', 'JW'] }));
    expect(result.cbsJaren).toEqual([
      { jaar: 2023, gemeenten: ['GM9902'] },
      { jaar: 2024, gemeenten: ['GM9901'] },
    ]);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const value = (gemeente: string, indicator: string, dimensie = '', wijk = '') => rows.find((r) => r.gemeente === gemeente && r.indicator === indicator && r.dimensie === dimensie && r.wijk === wijk)?.waarde;
    expect(value('GM9901', 'cbs_jaar')).toBe('2024');
    expect(value('GM9902', 'cbs_jaar')).toBe('2023');
    expect(rows.filter((r) => r.indicator === 'cbs_jaar').map((r) => r.gemeente).sort()).toEqual(['GM9901', 'GM9902']);
    // GM9901 over its 2024 population, its wijk too; GM9902 keeps its figures over 2023.
    expect(value('GM9901', 'clienten_per_1000')).toBe('2');
    expect(value('GM9901', 'clienten_per_1000', '', 'WK990101')).toBe('4');
    expect(value('GM9901', 'kosten_per_inwoner')).toBe('0.2');
    expect(value('GM9902', 'clienten_per_1000')).toBe('1');
    expect(value('GM9902', 'clienten_per_1000', '', 'WK990201')).toBe('2');
    expect(value('GM9902', 'kosten_per_inwoner')).toBe('0.01');
    // ALLE: 7 clients over 2,000 + 3,000 inhabitants, each gemeente's of its own year.
    expect(value('ALLE', 'clienten_per_1000')).toBe('1.4');
    expect(value('ALLE', 'kosten_per_inwoner')).toBe(String(Math.round((430 / 5000) * 100) / 100));
    expect(value('', 'inwoners', '', 'RG01')).toBe('2500');
    expect(value('', 'clienten_per_1000', '', 'RG01')).toBe('2.8');
    // The standardisation over the same populations: rates 7 / (400 + 600) women 65+, so
    // GM9901 expects 400 × 7/1000 = 2.8 (sr 4/2.8) and GM9902 600 × 7/1000 = 4.2 (sr 3/4.2).
    expect(value('GM9901', 'verwacht', 'pijler=WMO')).toBe('2.8');
    expect(value('GM9902', 'verwacht', 'pijler=WMO')).toBe('4.2');
    expect(value('GM9901', 'sr', 'pijler=WMO')).toBe(String(Math.round((4 / 2.8) * 1000) / 10));
    expect(value('GM9902', 'sr', 'pijler=WMO')).toBe(String(Math.round((3 / 4.2) * 1000) / 10));
  });

  test('pass by pass it writes the same figures as in one pass, ALLE first', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const gemeente = (code: string, clients: string[]) =>
      writeTestDelivery({
        gemeente: code,
        periode: '2026Q3',
        dir: tempDir(),
        records: clients.flatMap((client, i) => [
          rec({ client, huishouden: `h${i % 2}`, wijk: `WK${code.slice(2)}0${i % 2}`, pijler: i % 3 === 0 ? 'JW' : 'WMO', productcode: `P${i % 2}`, aanbieder: `7300000${i % 3}`, begindatum: '2026-07-01', kosten: 10 + i }),
          rec({ client, wijk: `WK${code.slice(2)}00`, pijler: 'PW', voorziening: 'PW-01', productcode: 'PW1', aanbieder: null, aanbieder_naam: 'Eigen gemeente', begindatum: '2025-01-01', einddatum: '2026-08-31', kosten: 5 }),
        ]),
      });
    // The same pseudonym a1 in all three gemeenten: three clients in ALLE.
    const files = [await gemeente('GM9901', ['a1', 'a2', 'a3']), await gemeente('GM9902', ['a1', 'b2']), await gemeente('GM9903', ['a1', 'c2', 'c3', 'c4'])];
    await importDeliveries(store, files, { signal: new AbortController().signal });
    const run = async (passRecords: number) => {
      const out = path.join(tempDir(), 'cijfers-intern.csv');
      await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: '2026Q3', out, intern: true, pijlerVolgorde: ['WMO', 'JW', 'PW'], passRecords }));
      return readFileSync(out, 'utf8').split('\n');
    };
    const one = await run(1_000_000);
    const perGemeente = await run(1);
    expect(perGemeente.length).toBeGreaterThan(50);
    expect([...perGemeente].sort()).toEqual([...one].sort());
    expect(perGemeente[1]).toMatch(/^2026Q3;ALLE;;clienten;;9;ok\r?$/);
  });

  test('for publication: only approved gemeenten, small cells and what would reveal them blanked, audit.csv beside it, byte-identical on a rerun', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const period = { periode: '2026Q2', begindatum: '2026-04-01', kosten: 100 };
    const delivery = (gemeente: string, parts: [string, string, number][]) =>
      writeTestDelivery({
        gemeente,
        periode: '2026Q2',
        dir: tempDir(),
        records: parts.flatMap(([wijk, productcode, n], i) => records(n, { wijk, productcode, begindatum: period.begindatum, kosten: period.kosten }, 'abcdefgh'[i])),
      });
    const num = (g: string) => g.slice(2);
    const files = [
      // GM9901: wijk 03 has 2 clients; product P3 has 3.
      await delivery('GM9901', [[`WK${num('GM9901')}01`, 'P1', 20], [`WK${num('GM9901')}02`, 'P2', 15], [`WK${num('GM9901')}03`, 'P1', 2], [`WK${num('GM9901')}01`, 'P3', 3]]),
      await delivery('GM9902', [[`WK${num('GM9902')}01`, 'P1', 30], [`WK${num('GM9902')}02`, 'P3', 12]]),
      // Not approved: left out of the published file and of ALLE.
      await delivery('GM9903', [[`WK${num('GM9903')}01`, 'P1', 7]]),
    ];
    await importDeliveries(store, files, { signal: new AbortController().signal });
    for (const gemeente of ['GM9901', 'GM9902']) approveDelivery(store.db, { gemeente, periode: '2026Q2', door: 'test' });
    const dir = tempDir();
    const out = path.join(dir, 'cijfers.csv');
    const run = () => withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: '2026Q2', out, intern: false, pijlerVolgorde: ['WMO', 'JW'] }));
    const result = await run();
    expect(result.gemeenten).toEqual(['GM9901', 'GM9902']);
    expect(result.audit).toBe(path.join(dir, 'audit.csv'));
    const text = readFileSync(out, 'utf8');
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(new Set(rows.map((r) => r.gemeente))).toEqual(new Set(['GM9901', 'GM9902', 'ALLE']));
    const row = (gemeente: string, indicator: string, dimensie = '', wijk = '') => rows.find((r) => r.gemeente === gemeente && r.indicator === indicator && r.dimensie === dimensie && r.wijk === wijk);
    expect(row('ALLE', 'clienten')).toMatchObject({ waarde: '82', status: 'ok' });
    // The small wijk, with every indicator of it, and a sibling with it.
    for (const indicator of ['clienten', 'voorzieningen', 'kosten', 'kosten_per_client']) expect(row('GM9901', indicator, '', 'WK990103')).toMatchObject({ waarde: '', status: 'onderdrukt' });
    expect(rows.filter((r) => r.gemeente === 'GM9901' && r.wijk !== '' && r.dimensie === '' && r.indicator === 'clienten' && r.status === 'onderdrukt').length).toBeGreaterThanOrEqual(2);
    expect(row('GM9901', 'clienten', 'productcode=P3')).toMatchObject({ waarde: '', status: 'onderdrukt' });
    // Nothing published holds 1–4 clients.
    for (const r of rows) {
      if (r.status === 'ok' && (r.indicator === 'clienten' || r.indicator === 'stapeling')) expect(Number(r.waarde) === 0 || Number(r.waarde) >= 5, JSON.stringify(r)).toBe(true);
      if (r.status === 'onderdrukt') expect(r.waarde).toBe('');
    }
    const audit = readFileSync(result.audit!, 'utf8');
    expect(audit.split('\r\n')[0]).toBe('\uFEFFperiode;gemeente;wijk;indicator;dimensie;soort;ondergrens;bovengrens');
    expect(audit).toMatch(/\r\n2026Q2;GM9901;WK990103;clienten;;primair;[\d.]+;([5-9]|\d\d|onbegrensd)/);
    expect(audit).toContain(';secundair;');
    expect(result.onderdrukking).toMatchObject({ primair: expect.any(Number), secundair: expect.any(Number) });
    expect(result.onderdrukking!.secundair).toBeGreaterThan(0);
    await run();
    expect(readFileSync(out, 'utf8')).toBe(text);
    expect(readFileSync(result.audit!, 'utf8')).toBe(audit);
  });

  test('for publication: the analyst\'s stricter minimum (Instellingen) applies, a cell of 7 clients is then suppressed', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const files = [
      await writeTestDelivery({
        gemeente: 'GM9901',
        periode: '2026Q2',
        dir: tempDir(),
        records: [...records(30, { wijk: 'WK990101', productcode: 'P1', begindatum: '2026-04-01', kosten: 100 }, 'a'), ...records(7, { wijk: 'WK990102', productcode: 'P1', begindatum: '2026-04-01', kosten: 100 }, 'b'), ...records(20, { wijk: 'WK990103', productcode: 'P1', begindatum: '2026-04-01', kosten: 100 }, 'c')],
      }),
    ];
    await importDeliveries(store, files, { signal: new AbortController().signal });
    approveDelivery(store.db, { gemeente: 'GM9901', periode: '2026Q2', door: 'test' });
    const out = path.join(tempDir(), 'cijfers.csv');
    const wijk02 = async () => {
      await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: '2026Q2', out, intern: false, pijlerVolgorde: ['WMO', 'JW'] }));
      const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
      return rows.find((r) => r.gemeente === 'GM9901' && r.wijk === 'WK990102' && r.indicator === 'clienten' && r.dimensie === '');
    };
    expect(await wijk02()).toMatchObject({ waarde: '7', status: 'ok' });
    setThreshold(store.db, 'minimum_clienten', 10);
    // A new period's pattern, not the one carried from the first export.
    rmSync(path.join(store.dataDir, 'publicaties'), { recursive: true, force: true });
    expect(await wijk02()).toMatchObject({ waarde: '', status: 'onderdrukt' });
  });

  test('for publication without any akkoord it refuses, in Dutch; an internal file says intern in its name', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    await importDeliveries(store, [await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: records(6, { begindatum: '2026-04-01' }) })], { signal: new AbortController().signal });
    const out = path.join(tempDir(), 'cijfers.csv');
    await expect(withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: '2026Q2', out, intern: false, pijlerVolgorde: ['WMO'] }))).rejects.toThrow(/akkoord.*--intern/);
    expect(internName('/tmp/cijfers.csv')).toBe('/tmp/cijfers-intern.csv');
  });
});
