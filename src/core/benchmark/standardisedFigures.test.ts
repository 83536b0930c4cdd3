import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, test } from 'vitest';
import type { DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { records, writeTestDelivery } from '../central/centralTestKit.ts';
import { exportCentralFigures } from '../central/export/exportFigures.ts';
import { importDeliveries } from '../central/intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../central/store/centralStore.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { importReferenceFiles } from '../central/reference/importReference.ts';
import { writeTemp } from '../central/reference/testFiles.ts';
import { tempDir } from '../testing/tempDir.ts';
import { referenceRates, standardise } from './indirectStandardisation.ts';
import { countInterval, funnelLimits } from './poissonInterval.ts';

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

describe('indirect standardisation (pure)', () => {
  test('a wijk with exactly twice the reference rates gets sr 200; Σ expected = Σ observed over the reference', () => {
    const clients = [[10, 2, 30], [20, 6, 10]];
    const populations = [[100, 50, 300], [300, 150, 100]];
    const rates = referenceRates(clients, populations);
    expect(rates).toEqual([30 / 400, 8 / 200, 40 / 400]);
    const wijk = [40, 25, 60];
    const twice = 2 * (40 * rates[0]! + 25 * rates[1]! + 60 * rates[2]!);
    expect(twice).toBeCloseTo(2 * (3 + 1 + 6), 12);
    expect(standardise(20, wijk, rates).sr).toBeCloseTo(200, 12);
    const expected = populations.map((p, g) => standardise(clients[g]!.reduce((s, v) => s + v, 0), p, rates).verwacht);
    expect(expected[0]! + expected[1]!).toBeCloseTo(78, 12);
  });

  test('no inhabitants in the strata: expected 0 and no ratio', () => {
    expect(standardise(3, [0, 0], [0.1, 0.2])).toEqual({ waargenomen: 3, verwacht: 0, sr: null, onder: null, boven: null });
  });
});

function addCbs(store: CentralStore, jaar: number, regions: [string, 'gemeente' | 'wijk', Record<string, number>][]): void {
  const id = Number(store.db.prepare("INSERT INTO referentie_import (soort, jaar, bestand, sha256, rijen, ingelezen) VALUES ('cbs_kwb', ?, 'test.csv', 'x', 1, '2026-01-01')").run(jaar).lastInsertRowid);
  for (const [code, soort, kenmerken] of regions) {
    store.db.prepare('INSERT INTO cbs_regio (import_id, jaar, code, soort) VALUES (?, ?, ?, ?)').run(id, jaar, code, soort);
    for (const [kenmerk, waarde] of Object.entries(kenmerken)) store.db.prepare('INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (?, ?, ?, ?)').run(jaar, code, kenmerk, waarde);
  }
}

const bands = (b: [number, number, number, number, number]) => ({ leeftijd_0_15: b[0], leeftijd_15_25: b[1], leeftijd_25_45: b[2], leeftijd_45_65: b[3], leeftijd_65_plus: b[4] });

describe('verwacht and sr in central export', () => {
  test('hand-computed expected counts per gemeente and wijk; Σ expected = Σ observed per pijler; ALLE is 100', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const q = { begindatum: '2026-04-01' } satisfies Partial<DeliveryRecord>;
    const gm1 = [
      ...records(10, { ...q, leeftijd: 70, geslacht: '2' }, 'a'),
      ...records(5, { ...q, leeftijd: 30, geslacht: '1' }, 'b'),
      // Sex unknown: in no stratum, so neither observed nor rates.
      ...records(1, { ...q, leeftijd: 50, geslacht: '0' }, 'c'),
      ...records(1, { ...q, pijler: 'JW', voorziening: 'JW-45', leeftijd: 16, geslacht: '1' }, 'd'),
    ];
    const gm2 = [
      ...records(20, { ...q, wijk: 'WK990201', leeftijd: 70, geslacht: '2' }, 'a'),
      ...records(1, { ...q, wijk: 'WK990201', pijler: 'JW', voorziening: 'JW-45', leeftijd: 20, geslacht: '2' }, 'd'),
    ];
    const files = [
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: gm1 }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', dir: tempDir(), records: gm2 }),
    ];
    expect((await importDeliveries(store, files, { signal: new AbortController().signal })).map((l) => l.uitkomst)).not.toContain('geweigerd');
    addCbs(store, 2025, [
      ['GM9901', 'gemeente', { inwoners: 1000, mannen: 500, vrouwen: 500, ...bands([200, 100, 300, 200, 200]) }],
      ['GM9902', 'gemeente', { inwoners: 1000, mannen: 400, vrouwen: 600, ...bands([100, 100, 200, 300, 300]) }],
      // Exactly half of its gemeente in every margin, so its table is half the gemeente's.
      ['WK990101', 'wijk', { inwoners: 500, mannen: 250, vrouwen: 250, ...bands([100, 50, 150, 100, 100]) }],
    ]);
    // RG01: WK990101 with CBS figures and WK990201 without (its clients cannot be set against inhabitants, so they are left out).
    store.db.prepare("INSERT INTO referentiegroep (jaar, code, naam, klein, wijken, inwoners) VALUES (2025, 'RG01', 'groep', 0, 2, 500)").run();
    for (const w of ['WK990101', 'WK990201']) store.db.prepare("INSERT INTO referentiegroep_wijk (jaar, wijk, groep, afstand) VALUES (2025, ?, 'RG01', 0)").run(w);
    const out = path.join(tempDir(), 'cijfers-intern.csv');
    const result = await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { intern: true, periode: '2026Q2', out, pijlerVolgorde: ['WMO', 'JW'] }));
    // The client of sex 0 (onbekend) is the only one left out, reported per gemeente and pijler.
    expect(result.zonderStratum).toEqual([{ gemeente: 'GM9901', pijler: 'WMO', clienten: 1 }]);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const value = (gemeente: string, indicator: string, dimensie: string, wijk = '') => rows.find((r) => r.gemeente === gemeente && r.indicator === indicator && r.dimensie === dimensie && r.wijk === wijk)?.waarde;

    // Age and sex independent within a gemeente (the Kerncijfers give only margins):
    // women 65+: GM9901 200·500/1000 = 100, GM9902 300·600/1000 = 180 → rate 30/280;
    // men 25–44: GM9901 300·0.5 = 150, GM9902 200·0.4 = 80 → rate 5/230.
    const e1 = (100 * 30) / 280 + (150 * 5) / 230;
    const e2 = (180 * 30) / 280 + (80 * 5) / 230;
    expect(Number(value('GM9901', 'verwacht', 'pijler=WMO'))).toBe(Math.round(e1 * 100) / 100);
    expect(Number(value('GM9902', 'verwacht', 'pijler=WMO'))).toBe(Math.round(e2 * 100) / 100);
    expect(e1 + e2).toBeCloseTo(35, 12);
    expect(Number(value('GM9901', 'sr', 'pijler=WMO'))).toBe(Math.round((1500 / e1) * 10) / 10);
    expect(Number(value('GM9901', 'sr_onder', 'pijler=WMO'))).toBe(Math.round(((100 * countInterval(15).onder) / e1) * 10) / 10);
    expect(Number(value('GM9901', 'sr_boven', 'pijler=WMO'))).toBe(Math.round(((100 * countInterval(15).boven) / e1) * 10) / 10);
    expect(value('ALLE', 'verwacht', 'pijler=WMO')).toBe('35');
    expect(value('ALLE', 'sr', 'pijler=WMO')).toBe('100');
    // Funnel limits of ALLE, expected 35: Poisson(35) P(X ≤ 23) = 0.0208, P(X ≤ 24) = 0.0324 → 24, sr 2400/35 = 68.6;
    // P(X ≤ 46) = 0.9697, P(X ≤ 47) = 0.9788 → 47, sr 4700/35 = 134.3.
    expect(value('ALLE', 'sr_funnel95_onder', 'pijler=WMO')).toBe('68.6');
    expect(value('ALLE', 'sr_funnel95_boven', 'pijler=WMO')).toBe('134.3');
    expect(Number(value('ALLE', 'sr_funnel998_onder', 'pijler=WMO'))).toBeLessThan(Number(value('ALLE', 'sr_funnel95_onder', 'pijler=WMO')));
    expect(Number(value('GM9901', 'sr_funnel998_boven', 'pijler=WMO'))).toBe(Math.round(funnelLimits(e1, 0.998).boven * 10) / 10);
    // The wijk: all 15 stratified clients of GM9901, half its expected count.
    expect(Number(value('GM9901', 'verwacht', 'pijler=WMO', 'WK990101'))).toBe(Math.round((e1 / 2) * 100) / 100);
    expect(Number(value('GM9901', 'sr', 'pijler=WMO', 'WK990101'))).toBe(Math.round((1500 / (e1 / 2)) * 10) / 10);
    expect(Number(value('', 'verwacht', 'pijler=WMO', 'RG01'))).toBe(Math.round((e1 / 2) * 100) / 100);
    expect(Number(value('', 'sr', 'pijler=WMO', 'RG01'))).toBe(Math.round((1500 / (e1 / 2)) * 10) / 10);
    // WK990201 has no CBS figures: no expected count for it.
    expect(value('GM9902', 'verwacht', 'pijler=WMO', 'WK990201')).toBeUndefined();

    // Jeugd: bands 15–17 (3/10 of 15–24) and 18–24 (7/10). Men 15–17: 15 + 12 → rate 1/27; women 18–24: 35 + 42 → 1/77.
    expect(Number(value('GM9901', 'verwacht', 'pijler=JW'))).toBe(Math.round((15 / 27 + 35 / 77) * 100) / 100);
    expect(Number(value('GM9902', 'verwacht', 'pijler=JW'))).toBe(Math.round((12 / 27 + 42 / 77) * 100) / 100);
    expect(value('ALLE', 'verwacht', 'pijler=JW')).toBe('2');
    // Below 10 observed the interval is exact Poisson: O = 1.
    const e = 15 / 27 + 35 / 77;
    expect(Number(value('GM9901', 'sr_boven', 'pijler=JW'))).toBe(Math.round(((100 * countInterval(1).boven) / e) * 10) / 10);
  });

  test('through the export: a wijk built to have exactly twice the reference rates in every stratum gets sr 200', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const q = { begindatum: '2026-04-01' } satisfies Partial<DeliveryRecord>;
    // Both gemeenten alike; all of GM9901's clients live in WK990101, which has half its inhabitants.
    const clients = (wijk: string) => [...records(10, { ...q, wijk, leeftijd: 70, geslacht: '2' }, 'a'), ...records(6, { ...q, wijk, leeftijd: 30, geslacht: '1' }, 'b')];
    const files = [
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: clients('WK990101') }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', dir: tempDir(), records: clients('WK990201') }),
    ];
    expect((await importDeliveries(store, files, { signal: new AbortController().signal })).map((l) => l.uitkomst)).not.toContain('geweigerd');
    addCbs(store, 2025, [
      ['GM9901', 'gemeente', { inwoners: 1000, mannen: 500, vrouwen: 500, ...bands([200, 100, 300, 200, 200]) }],
      ['GM9902', 'gemeente', { inwoners: 1000, mannen: 500, vrouwen: 500, ...bands([200, 100, 300, 200, 200]) }],
      ['WK990101', 'wijk', { inwoners: 500, mannen: 250, vrouwen: 250, ...bands([100, 50, 150, 100, 100]) }],
    ]);
    const out = path.join(tempDir(), 'cijfers-intern.csv');
    await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { intern: true, periode: '2026Q2', out, pijlerVolgorde: ['WMO'] }));
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const value = (gemeente: string, indicator: string, wijk = '') => rows.find((r) => r.gemeente === gemeente && r.indicator === indicator && r.dimensie === 'pijler=WMO' && r.wijk === wijk)?.waarde;
    // Rates: women 65+ 20 / (2 · 100) = 0.1, men 25–44 12 / (2 · 150) = 0.04. The wijk has 50 women of
    // 65+ and 75 men of 25–44, so expected 5 + 3 = 8, and 10 + 6 = 16 observed: 0.2 and 0.08, twice the rates.
    expect(value('GM9901', 'verwacht', 'WK990101')).toBe('8');
    expect(value('GM9901', 'sr', 'WK990101')).toBe('200');
    // 16 observed is Byar: the interval lies wholly above 100.
    expect(Number(value('GM9901', 'sr_onder', 'WK990101'))).toBe(Math.round(((100 * countInterval(16).onder) / 8) * 10) / 10);
    expect(Number(value('GM9901', 'sr_onder', 'WK990101'))).toBeGreaterThan(100);
    // Each gemeente is at the reference rates, and Σ expected = Σ observed.
    expect([value('GM9901', 'verwacht'), value('GM9901', 'sr'), value('GM9902', 'sr'), value('ALLE', 'verwacht'), value('ALLE', 'sr')]).toEqual(['16', '100', '100', '32', '100']);
  });

  test('the gemeente\'s CBS 03759ned table seeds its IPF (nearest year, stated); a gemeente without one falls back to independence, flagged', async () => {
    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const q = { begindatum: '2026-04-01', leeftijd: 70, geslacht: '2' } satisfies Partial<DeliveryRecord>;
    const files = [
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: records(10, { ...q, wijk: 'WK990101' }, 'a') }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', dir: tempDir(), records: records(20, q, 'a') }),
    ];
    expect((await importDeliveries(store, files, { signal: new AbortController().signal })).map((l) => l.uitkomst)).not.toContain('geweigerd');
    addCbs(store, 2025, [
      ['GM9901', 'gemeente', { inwoners: 1100, mannen: 500, vrouwen: 600, ...bands([200, 100, 300, 200, 300]) }],
      ['GM9902', 'gemeente', { inwoners: 1000, mannen: 400, vrouwen: 600, ...bands([100, 100, 200, 300, 300]) }],
      ['WK990101', 'wijk', { inwoners: 550, mannen: 250, vrouwen: 300, ...bands([100, 50, 150, 100, 150]) }],
    ]);
    // Synthetic 03759ned tables for GM9901 only (StatLine export with codes in the region column):
    // 2024 has two women per man among the old, 2020 (farther from 2025) is flat and must not be used.
    const table = (jaar: number, seed: number[][]) =>
      writeTemp(
        `synthetisch_03759ned_${jaar}.csv`,
        ['"Geslacht";"Leeftijd";"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"', ...['0 tot 15 jaar', '15 tot 25 jaar', '25 tot 45 jaar', '45 tot 65 jaar', '65 jaar of ouder'].flatMap((band, i) => ['Mannen', 'Vrouwen'].map((sex, s) => `"${sex}";"${band}";"GM9901";"${jaar}";${seed[i]![s]}`))].join('\n'),
      );
    const imported = await importReferenceFiles(store.db, [table(2024, [[10, 10], [5, 5], [20, 20], [8, 8], [3, 6]]), table(2020, [[1, 1], [1, 1], [1, 1], [1, 1], [1, 1]])]);
    expect(imported.map((r) => r.status)).toEqual(['nieuw', 'nieuw']);
    const out = path.join(tempDir(), 'cijfers-intern.csv');
    const result = await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { intern: true, periode: '2026Q2', out, pijlerVolgorde: ['WMO'] }));
    expect(result.startTabellen).toEqual([{ gemeente: 'GM9901', jaar: 2024 }, { gemeente: 'GM9902', jaar: null }]);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const value = (gemeente: string, indicator: string, wijk = '') => Number(rows.find((r) => r.gemeente === gemeente && r.indicator === indicator && r.dimensie === 'pijler=WMO' && r.wijk === wijk)?.waarde);
    // GM9901's table is the seed fitted to its margins: by hand (standardisation.test.ts) 200 women of 65+,
    // where independence would give 300 · 600/1100. GM9902 independent: 300 · 600/1000 = 180. Rate 30/380.
    const rate = 30 / 380;
    expect(value('GM9901', 'verwacht')).toBe(Math.round(200 * rate * 100) / 100);
    expect(value('GM9902', 'verwacht')).toBe(Math.round(180 * rate * 100) / 100);
    expect(value('ALLE', 'verwacht')).toBe(30);
    // The wijk's margins are exactly half its gemeente's, so seeded with that table its own is half
    // of it: 100 women of 65+ (with a flat seed it would be 150 · 300/550 = 81.8).
    expect(value('GM9901', 'verwacht', 'WK990101')).toBe(Math.round(100 * rate * 100) / 100);
  });
});
