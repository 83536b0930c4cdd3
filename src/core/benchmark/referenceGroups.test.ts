import { describe, expect, test } from 'vitest';
import { importReferenceFiles } from '../central/reference/importReference.ts';
import { STATLINE_2024_NL, TYPED_2019_AMSTERDAM } from '../central/reference/testFiles.ts';
import { openCentralStore, type CentralStore } from '../central/store/centralStore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { loadBenchmarkFeatures } from './benchmarkFeatures.ts';
import { describeCentre } from './groupDescription.ts';
import { referenceGroups, SMALL_WIJK } from './referenceGroups.ts';
import { referenceGroupsFiles } from './referenceGroupsCsv.ts';
import { groupYearFor, storeReferenceGroups } from './storeReferenceGroups.ts';
import { wijkProfiles } from './wijkProfiles.ts';

const features = loadBenchmarkFeatures();

/** A catalogue with hand-made Kerncijfers: regions and their kenmerken, as the CBS import stores them. */
async function catalogue(regions: { code: string; naam?: string; waarden: Record<string, number> }[]): Promise<CentralStore> {
  const store = await openCentralStore(tempDir());
  const id = store.db
    .prepare("INSERT INTO referentie_import (soort, jaar, bestand, sha256, rijen, ingelezen) VALUES ('cbs_kwb', 2030, 'hand.csv', '00', 0, '2030-01-01') RETURNING id")
    .pluck()
    .get() as number;
  for (const r of regions) {
    const soort = r.code.startsWith('NL') ? 'land' : r.code.startsWith('GM') ? 'gemeente' : 'wijk';
    store.db.prepare('INSERT INTO cbs_regio (import_id, jaar, code, soort, naam, gemeente) VALUES (?, 2030, ?, ?, ?, ?)').run(id, r.code, soort, r.naam ?? null, soort === 'land' ? null : `GM${r.code.slice(2, 6)}`);
    for (const [k, v] of Object.entries(r.waarden)) store.db.prepare('INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (2030, ?, ?, ?)').run(r.code, k, v);
  }
  return store;
}

describe('wijk profiles from the catalogue', () => {
  test('shares and z-scores by hand; a missing value comes from the gemeente and is flagged', async () => {
    const store = await catalogue([
      { code: 'NL00', waarden: { inwoners: 1000, leeftijd_65_plus: 100, huishoudens: 500, huishoudens_met_kinderen: 100 } },
      { code: 'GM9901', waarden: { inwoners: 600, leeftijd_65_plus: 60, huishoudens: 300, huishoudens_met_kinderen: 90 } },
      { code: 'WK990101', naam: 'Noord', waarden: { inwoners: 100, leeftijd_65_plus: 10, huishoudens: 50, huishoudens_met_kinderen: 10 } },
      { code: 'WK990102', naam: 'Zuid', waarden: { inwoners: 200, leeftijd_65_plus: 60, huishoudens: 100, huishoudens_met_kinderen: 40 } },
      // No households figure: its share of households with children is the gemeente's 90 / 300.
      { code: 'WK990103', naam: 'Oost', waarden: { inwoners: 300, leeftijd_65_plus: 60 } },
      { code: 'WK990104', naam: 'Haven', waarden: { inwoners: 0 } },
    ]);
    const p = wijkProfiles(store.db, 2030, features);
    expect(p.kenmerken.map((f) => f.kenmerk)).toEqual(['aandeel_65_plus', 'aandeel_met_kinderen']);
    expect(p.weggelaten).toContain('Aandeel inwoners van 0 tot 15 jaar: niet in de CBS Kerncijfers 2030');
    expect(p.zonderInwoners).toBe(1);
    expect(p.wijken.map((w) => w.code)).toEqual(['WK990101', 'WK990102', 'WK990103']);
    expect(p.wijken.map((w) => w.waarden)).toEqual([[0.1, 0.2], [0.3, 0.4], [0.2, 0.3]]);
    expect(p.wijken.map((w) => w.herkomst)).toEqual([['cbs', 'cbs'], ['cbs', 'cbs'], ['cbs', 'gemeente']]);
    // 65+: mean 0.2, population sd √((0.01 + 0.01 + 0) / 3) = 0.08165; Noord (0.1 − 0.2) / 0.08165 = −1.2247.
    expect(p.gemiddelde[0]).toBeCloseTo(0.2, 12);
    expect(p.sd[0]).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
    expect(p.wijken.map((w) => Number(w.z[0]!.toFixed(4)) + 0)).toEqual([-1.2247, 1.2247, 0]);
    // The imputed value is flagged where the analyst reads the profiles: …-kenmerken.csv.
    const groups = { jaar: 2030, kleineWijk: 2500, kenmerken: p.kenmerken, groepen: [{ code: 'RG01', naam: 'groep', klein: false, wijken: 3, inwoners: 600, profiel: [0.2, 0.3], centrum: [0, 0] }], wijken: p.wijken.map((w) => ({ ...w, groep: 'RG01', afstand: 0, buren: [] })), keuze: { groot: { k: 1, gekozen: 'opgegeven', silhouettes: [] }, klein: null }, weggelaten: p.weggelaten, zonderInwoners: 1, geimputeerd: 1 };
    const kenmerken = referenceGroupsFiles(groups).kenmerken.split('\r\n');
    expect(kenmerken).toContain('WK990103;aandeel_met_kinderen;0.3;0;gemeente');
    expect(kenmerken).toContain('WK990102;aandeel_met_kinderen;0.4;1.2247;cbs');
    store.close();
  });

  test('without the gemeente value the land value is used, and said so', async () => {
    const store = await catalogue([
      { code: 'NL00', waarden: { inwoners: 1000, huishoudens: 500, huishoudens_met_kinderen: 100 } },
      { code: 'GM9901', waarden: { inwoners: 600 } },
      { code: 'WK990101', waarden: { inwoners: 100, huishoudens: 50, huishoudens_met_kinderen: 10 } },
      { code: 'WK990102', waarden: { inwoners: 200, huishoudens: 100, huishoudens_met_kinderen: 40 } },
      { code: 'WK990103', waarden: { inwoners: 300 } },
    ]);
    const p = wijkProfiles(store.db, 2030, features);
    const oost = p.wijken.find((w) => w.code === 'WK990103')!;
    expect(oost.waarden).toEqual([0.2]);
    expect(oost.herkomst).toEqual(['land']);
    store.close();
  });
});

describe('wijk profiles from the full-column CBS file (real Amsterdam 2019 typed dataset)', () => {
  test('all eleven kenmerken from CBS itself, each on one scale (mean 0, sd 1); the descriptions use them', async () => {
    const store = await openCentralStore(tempDir());
    await importReferenceFiles(store.db, [TYPED_2019_AMSTERDAM]);
    const p = wijkProfiles(store.db, 2019, features);
    expect(p.kenmerken.map((f) => f.kenmerk)).toEqual(features.map((f) => f.kenmerk));
    expect(p.weggelaten).toEqual([]);
    // 99 wijken, one without inhabitants (WK036350, CBS "." throughout); every other has all eleven itself.
    expect([p.wijken.length, p.zonderInwoners]).toEqual([98, 1]);
    expect(p.wijken.every((w) => w.herkomst.every((h) => h === 'cbs'))).toBe(true);
    const income = p.kenmerken.findIndex((f) => f.kenmerk === 'inkomen_per_inwoner');
    expect(p.wijken.find((w) => w.code === 'WK036300')!.waarden[income]).toBe(34.5);
    for (let f = 0; f < p.kenmerken.length; f++) {
      const z = p.wijken.map((w) => w.z[f]!);
      expect(z.reduce((a, b) => a + b, 0) / z.length).toBeCloseTo(0, 9);
      expect(Math.sqrt(z.reduce((a, b) => a + b * b, 0) / z.length)).toBeCloseTo(1, 9);
    }
    const groups = referenceGroups(store.db, { jaar: 2019 });
    const words = features.filter((f) => !f.kenmerk.startsWith('aandeel_')).flatMap((f) => [f.hoog, f.laag]);
    expect(groups.groepen.some((g) => words.some((w) => g.naam.includes(w)))).toBe(true);
    store.close();
  });
});

describe('group descriptions', () => {
  const [kinderen, , , , ouderen] = features;
  test('name what lies half a standard deviation or more from the mean, strongest first', () => {
    expect(describeCentre([0.6, 0, 0, 0, -1.2], features)).toBe(`${ouderen!.laag}, ${kinderen!.hoog}`);
    expect(describeCentre([0.3, 0, 0, 0, -0.1], features)).toBe(`gemiddeld profiel (licht: ${kinderen!.hoog})`);
    expect(describeCentre([0.1, 0, 0, 0, -0.1], features)).toBe('gemiddeld profiel');
  });
});

describe('reference groups over the whole country (real CBS 2024 file)', async () => {
  const store = await openCentralStore(tempDir());
  await importReferenceFiles(store.db, [STATLINE_2024_NL]);
  const groups = referenceGroups(store.db);

  test('every inhabited wijk in one group; 6–12 large groups by silhouette, small wijken in groups of their own', () => {
    expect(groups.jaar).toBe(2024);
    // This file holds only inhabitants, sex and the five age bands: the other kenmerken are said to be missing.
    expect(groups.kenmerken.map((f) => f.kenmerk)).toEqual(['aandeel_0_15', 'aandeel_15_25', 'aandeel_25_45', 'aandeel_45_65', 'aandeel_65_plus']);
    expect(groups.weggelaten).toHaveLength(6);
    expect(groups.wijken.length + groups.zonderInwoners).toBe(3393);
    const large = groups.groepen.filter((g) => !g.klein);
    expect(large.length).toBeGreaterThanOrEqual(6);
    expect(large.length).toBeLessThanOrEqual(12);
    expect(groups.keuze.groot.silhouettes.map((s) => s.k)).toEqual([6, 7, 8, 9, 10, 11, 12]);
    const best = Math.max(...groups.keuze.groot.silhouettes.map((s) => s.silhouette));
    expect(groups.keuze.groot.silhouettes.find((s) => s.k === large.length)!.silhouette).toBe(best);
    expect(groups.groepen.map((g) => g.code)).toEqual(groups.groepen.map((_, i) => `RG${String(i + 1).padStart(2, '0')}`));
    const klein = new Map(groups.groepen.map((g) => [g.code, g.klein]));
    for (const w of groups.wijken) expect(klein.get(w.groep)).toBe(w.inwoners < SMALL_WIJK);
    expect(groups.groepen.reduce((n, g) => n + g.wijken, 0)).toBe(groups.wijken.length);
    for (const g of groups.groepen) expect(g.naam.length).toBeGreaterThan(0);
  });

  test('every wijk has its 10 nearest peers, all in other gemeenten, nearest first', () => {
    for (const w of groups.wijken) {
      expect(w.buren).toHaveLength(10);
      for (const p of w.buren) expect(groups.wijken[p.index]!.gemeente).not.toBe(w.gemeente);
      for (let i = 1; i < 10; i++) expect(w.buren[i]!.afstand).toBeGreaterThanOrEqual(w.buren[i - 1]!.afstand);
    }
  });

  test('the file has the contract columns, group lines first, and is the same on a second run', () => {
    const files = referenceGroupsFiles(groups);
    const lines = files.groepen.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('wijk;gemeente;wijknaam;inwoners;referentiegroep;groepnaam;afstand');
    expect(lines[1]).toMatch(/^RG01;;aandeel_0_15=0\.\d+\|aandeel_15_25=0\.\d+\|aandeel_25_45=0\.\d+\|aandeel_45_65=0\.\d+\|aandeel_65_plus=0\.\d+;\d+;RG01;[^;]+;$/);
    const haarlem = lines.find((l) => l.startsWith('WK039201;'))!;
    expect(haarlem).toMatch(/^WK039201;GM0392;Oude Stad;14745;RG\d\d;[^;]+;\d+\.\d+$/);
    expect(lines.length).toBe(1 + groups.groepen.length + groups.wijken.length + 1);
    expect(files.buren.split('\r\n')[0]).toBe('\uFEFFwijk;rang;buur;buurgemeente;buurnaam;afstand');
    expect(referenceGroupsFiles(referenceGroups(store.db))).toEqual(files);
  });

  test('stored in the catalogue per CBS year; storing again replaces the set', () => {
    storeReferenceGroups(store.db, groups);
    storeReferenceGroups(store.db, groups);
    const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table} WHERE jaar = 2024`).pluck().get();
    expect(count('referentiegroep')).toBe(groups.groepen.length);
    expect(count('referentiegroep_wijk')).toBe(groups.wijken.length);
    expect(store.db.prepare("SELECT groep FROM referentiegroep_wijk WHERE wijk = 'WK039201'").pluck().get()).toBe(groups.wijken.find((w) => w.code === 'WK039201')!.groep);
    expect(groupYearFor(store.db, '2026Q2')).toBe(2024);
  });

  test('the number of groups can be fixed within 6–12', () => {
    const eight = referenceGroups(store.db, { groepen: 8 });
    expect(eight.groepen.filter((g) => !g.klein)).toHaveLength(8);
    expect(eight.keuze.groot.gekozen).toBe('opgegeven');
    expect(() => referenceGroups(store.db, { groepen: 13 })).toThrow('tussen 6 en 12');
  });
});
