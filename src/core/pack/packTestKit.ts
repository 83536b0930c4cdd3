import { approveDelivery } from '../central/approval/approveDelivery.ts';
import { records, writeTestDelivery } from '../central/centralTestKit.ts';
import { importDeliveries } from '../central/intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../central/store/centralStore.ts';
import { tempDir } from '../testing/tempDir.ts';

/*
 * A small analyst store for pack tests: two approved gemeenten (three wijken, two pijlers, a
 * small wijk that must be suppressed), a third without akkoord, CBS figures and reference groups.
 * Small on purpose: disclosure control over a release is the slow part.
 */

export const PACK_PERIODE = '2026Q2';

function addCbs(store: CentralStore, jaar: number, regions: [string, 'gemeente' | 'wijk', string, Record<string, number>][]): void {
  const id = Number(store.db.prepare("INSERT INTO referentie_import (soort, jaar, bestand, sha256, rijen, ingelezen) VALUES ('cbs_kwb', ?, 'test.csv', 'x', 1, '2026-01-01')").run(jaar).lastInsertRowid);
  for (const [code, soort, naam, kenmerken] of regions) {
    store.db.prepare('INSERT INTO cbs_regio (import_id, jaar, code, soort, naam) VALUES (?, ?, ?, ?, ?)').run(id, jaar, code, soort, naam);
    for (const [kenmerk, waarde] of Object.entries(kenmerken)) store.db.prepare('INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (?, ?, ?, ?)').run(jaar, code, kenmerk, waarde);
  }
}

const population = (n: number) => ({ inwoners: n, mannen: n / 2, vrouwen: n / 2, leeftijd_0_15: n * 0.2, leeftijd_15_25: n * 0.1, leeftijd_25_45: n * 0.3, leeftijd_45_65: n * 0.25, leeftijd_65_plus: n * 0.15 });

/** Wijk, pijler, productcode, clients: each part its own clients, the same ones in every period (the same pseudonyms). */
type Part = [string, string, string, number];

function delivery(gemeente: string, periode: string, parts: Part[], sleutel?: string): Promise<string> {
  const begindatum = `${periode.slice(0, 4)}-04-01`;
  return writeTestDelivery({
    gemeente,
    naam: `Testgemeente ${gemeente.slice(2)}`,
    periode,
    dir: tempDir(),
    ...(sleutel ? { sleutel } : {}),
    records: parts.flatMap(([wijk, pijler, productcode, n], i) =>
      records(n, { wijk, pijler, productcode, voorziening: pijler === 'JW' ? 'JW-45' : 'WMO-02', leeftijd: pijler === 'JW' ? 12 : 70, geslacht: i % 2 ? '2' : '1', begindatum, kosten: 125.5, aanbieder: '73000001' }, 'abcdefgh'[i]),
    ),
  });
}

export async function packTestStore(dir = tempDir('wm-pack-')): Promise<CentralStore> {
  const store = await openCentralStore(dir);
  const files = [
    await delivery('GM9901', PACK_PERIODE, [['WK990101', 'WMO', 'P1', 24], ['WK990102', 'WMO', 'P2', 15], ['WK990102', 'JW', 'J1', 11], ['WK990103', 'WMO', 'P1', 2]]),
    await delivery('GM9902', PACK_PERIODE, [['WK990201', 'WMO', 'P1', 30], ['WK990202', 'JW', 'J1', 12]]),
    await delivery('GM9903', PACK_PERIODE, [['WK990301', 'WMO', 'P1', 7]]),
  ];
  await importDeliveries(store, files, { signal: new AbortController().signal });
  for (const gemeente of ['GM9901', 'GM9902']) approveDelivery(store.db, { gemeente, periode: PACK_PERIODE, door: 'test' });
  addCbs(store, 2024, [
    ['GM9901', 'gemeente', 'Testgemeente 9901', population(9000)],
    ['WK990101', 'wijk', 'Centrum', population(4000)],
    ['WK990102', 'wijk', 'Noord', population(3000)],
    ['WK990103', 'wijk', 'Buitengebied', population(2000)],
    ['GM9902', 'gemeente', 'Testgemeente 9902', population(6000)],
    ['WK990201', 'wijk', 'Oost', population(3500)],
    ['WK990202', 'wijk', 'West', population(2500)],
  ]);
  store.db.prepare("INSERT INTO referentiegroep (jaar, code, naam, klein, wijken, inwoners) VALUES (2024, 'RG01', 'veel ouderen, stedelijk', 0, 3, 10500), (2024, 'RG02', 'veel kinderen, landelijk', 0, 2, 4500)").run();
  const wijk = store.db.prepare('INSERT INTO referentiegroep_wijk (jaar, wijk, groep, afstand) VALUES (2024, ?, ?, ?)');
  for (const [w, g, a] of [['WK990101', 'RG01', 0.4], ['WK990102', 'RG01', 1.2], ['WK990201', 'RG01', 0.8], ['WK990103', 'RG02', 0.5], ['WK990202', 'RG02', 0.9]] as const) wijk.run(w, g, a);
  return store;
}

/** The ijkperiode of the two-period store: the same quarter a year before PACK_PERIODE. */
export const IJK_PERIODE = '2025Q2';
/** The key GM9902 used in IJK_PERIODE: another than in PACK_PERIODE, so its pack shows no change. */
export const OTHER_KEY = '2222222222222222';

/**
 * The pack store plus deliveries of IJK_PERIODE, approved: GM9901 with the same key (the same
 * clients, the small wijk WK990103 with 6 clients where PACK_PERIODE has 2), GM9902 with another key.
 */
export async function packTwoPeriodStore(dir = tempDir('wm-pack2-')): Promise<CentralStore> {
  const store = await packTestStore(dir);
  const files = [
    await delivery('GM9901', IJK_PERIODE, [['WK990101', 'WMO', 'P1', 20], ['WK990102', 'WMO', 'P2', 15], ['WK990102', 'JW', 'J1', 10], ['WK990103', 'WMO', 'P1', 6]]),
    await delivery('GM9902', IJK_PERIODE, [['WK990201', 'WMO', 'P1', 25], ['WK990202', 'JW', 'J1', 12]], OTHER_KEY),
  ];
  await importDeliveries(store, files, { signal: new AbortController().signal });
  for (const gemeente of ['GM9901', 'GM9902']) approveDelivery(store.db, { gemeente, periode: IJK_PERIODE, door: 'test' });
  return store;
}
