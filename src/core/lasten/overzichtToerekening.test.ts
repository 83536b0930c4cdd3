import Papa from 'papaparse';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { replaceAreas, replaceProducts } from '../classification/classificationStore.ts';
import { readAreaFile, readProductFile } from '../classification/tableFiles.ts';
import { deliverFromStore } from '../delivery/deliverFromStore.ts';
import { deliveryFiles } from '../delivery/deliveryTestKit.ts';
import { importBatch } from '../import/importBatch.ts';
import { prepareExport } from '../import/prepareExport.ts';
import { loadRecordParsers } from '../import/recordParsers.ts';
import { testRecords } from '../indicators/indicatorTestKit.ts';
import { overzichtCijfers, overzichtTabel } from '../indicators/overzicht.ts';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { setGemeente } from '../settings/settings.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { fixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { replaceLasten } from './lastenTable.ts';
import { replaceProgrammering } from '../programmering/programmeringTable.ts';
import { writeOverzichtWorkbook } from '../indicators/overzichtWorkbook.ts';
import ExcelJS from 'exceljs';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
const pseudonymiser = createPseudonymiser(createKey());
let db: Db;

beforeAll(async () => {
  const fixtures = await fixtureSet();
  db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  setGemeente(db, 'GM9903', 'Maasvoorde');
  replaceProducts(db, await readProductFile(fixtures.products('GM9903'), ref));
  replaceAreas(db, await readAreaFile(fixtures.areas('GM9903')));
  const prepared = await prepareExport(fixtures.export('GM9903', '2026Q3'), { ref, parsers });
  const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'test', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal } as never;
  await importBatch(db, { prepared, periode: parsePeriode('2026Q3'), profile, pseudonymiser, parsers });
});

describe('toerekening in the gemeente edition', () => {
  test('the Overzicht shows every cost with and without the lasten, the delivery carries them as levering v2', async () => {
    const before = await overzichtCijfers(db, ref, '2026Q3', null);
    expect(before.toerekening).toBeNull();
    const kosten = before.tegels.find((t) => t.indicator === 'kosten')!.waarde!;
    const wijkenBefore = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'wijken', pijler: null });
    const vraag = async (tekst: string) => (await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'informatievragen', pijler: null })).rijen.find((r) => r.vraag === tekst)!.antwoord as number;
    const omzet = async () => (await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'aanbieders', pijler: null })).rijen.at(-1)!.omzet as number;
    const [vraagKosten, omzetBefore] = [await vraag('Kosten'), await omzet()];
    expect(wijkenBefore.kolommen.map((k) => k.naam)).not.toContain('kosten_toegerekend');
    // Without lasten the analyses show no empty columns for them.
    const names = async (tabel: 'aanbieders' | 'informatievragen' | 'programmering' | 'waaier' | 'trend' | 'wijken') => (await overzichtTabel(db, ref, { periode: '2026Q3', tabel, pijler: null })).kolommen.map((k) => k.naam);
    for (const tabel of ['aanbieders', 'informatievragen', 'programmering', 'waaier', 'trend', 'wijken'] as const) expect((await names(tabel)).filter((n) => /_(client|toegerekend)$/.test(n) && n !== 'kosten_per_client')).toEqual([]);

    // A product of the period; lasten for it and for one that has no voorziening in 2026Q3.
    const delivered0 = await deliverFromStore(db, { periode: parsePeriode('2026Q3'), pseudonymiser, gemeente: { code: 'GM9903', naam: 'Maasvoorde' }, out: path.join(tempDir(), 'v1.zip'), appVersion: 'test', now: new Date('2026-10-15T09:00:00Z'), ref });
    expect(delivered0.manifest.versie).toBe(1);
    const rows = Papa.parse<Record<string, string>>((await deliveryFiles(delivered0.file)).get('voorzieningen.csv')!.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const product = rows[0]!.productcode!;
    // A target for the product's pijler and one for the product itself.
    const pijler = (await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'uitsplitsing', pijler: null, niveau: 'gemeente', splitsing: ['pijler', 'productcode'] })).rijen.find((r) => r.productcode === product)!.pijler as string;
    replaceProgrammering(db, [
      { jaar: 2026, pijler, productcode: '', aanbieder: '', wijk: '', clienten: null, kosten: 1_000_000, aandeel: null },
      { jaar: 2026, pijler, productcode: product, aanbieder: '', wijk: '', clienten: null, kosten: 50_000, aandeel: null },
    ]);
    const programmeringBefore = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'programmering', pijler: null });
    replaceLasten(db, [
      { periode: '2026Q3', productcode: product, aanbieder: '', kosten: 10_000 },
      { periode: '2026Q3', productcode: 'GEEN-VOORZIENING', aanbieder: '', kosten: 250 },
      { periode: '2026Q2', productcode: product, aanbieder: '', kosten: 99 },
    ]);

    const after = await overzichtCijfers(db, ref, '2026Q3', null);
    expect(after.toerekening).toEqual({ toegerekend: 10_000, kostenZonder: kosten, kostenPerClientZonder: before.tegels.find((t) => t.indicator === 'kosten_per_client')!.waarde });
    expect(after.tegels.find((t) => t.indicator === 'kosten')!.waarde).toBeCloseTo(kosten + 10_000, 2);
    expect(after.waarschuwingen).toContain('Lasten van € 250,00 voor product GEEN-VOORZIENING (2026Q3) zijn niet toegerekend: geen voorziening van dat product loopt in de periode.');

    const toerekening = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'toerekening', pijler: null });
    expect(toerekening.rijen.map((r) => [r.productcode, r.regel, r.kosten])).toEqual([
      ...[
        ['GEEN-VOORZIENING', 'niet toegerekend', 250],
        [product, 'naar dagen in zorg binnen de periode', 10_000],
      ].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
      ['Kosten zonder toerekening', '', kosten],
      ['Toegerekende lasten', '', 10_000],
      ['Kosten met toerekening', '', after.tegels.find((t) => t.indicator === 'kosten')!.waarde],
    ]);
    // Per wijk: with, without and allocated, which add up.
    const wijken = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'wijken', pijler: null });
    expect(wijken.kolommen.map((k) => k.titel)).toEqual(expect.arrayContaining(['Kosten met toerekening', 'Kosten zonder toerekening', 'Kosten toegerekend']));
    const allocated = wijken.rijen.reduce((s, r) => s + ((r.kosten_toegerekend as number | null) ?? 0), 0);
    expect(allocated).toBeGreaterThanOrEqual(10_000);
    for (const r of wijken.rijen) expect((r.kosten as number) ?? 0).toBeCloseTo(((r.kosten_client as number | null) ?? 0) + ((r.kosten_toegerekend as number | null) ?? 0), 2);
    expect(wijken.kolommen.map((k) => k.naam)).toEqual(expect.arrayContaining(['kosten_per_client', 'kosten_per_client_client', 'kosten_per_client_toegerekend']));
    // The waaier and the trend likewise; each row's parts add up.
    for (const tabel of ['waaier', 'trend'] as const) {
      const t = await overzichtTabel(db, ref, { periode: '2026Q3', tabel, pijler: null });
      expect(t.kolommen.map((k) => k.titel)).toEqual(expect.arrayContaining(['Kosten met toerekening', 'Kosten zonder toerekening', 'Kosten toegerekend']));
      for (const r of t.rijen) expect((r.kosten as number) ?? 0).toBeCloseTo(((r.kosten_client as number | null) ?? 0) + ((r.kosten_toegerekend as number | null) ?? 0), 2);
      expect(t.rijen.reduce((n, r) => n + ((r.kosten_toegerekend as number | null) ?? 0), 0)).toBeCloseTo(10_000, 2);
    }
    // The split of one's choice: a column for each kosten_bron, not extra rows.
    const split = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'uitsplitsing', pijler: null, niveau: 'gemeente', splitsing: ['productcode'] });
    expect(split.kolommen.map((k) => k.naam)).toEqual(expect.arrayContaining(['kosten', 'kosten_client', 'kosten_toegerekend']));
    expect(split.rijen.find((r) => r.productcode === product)?.kosten_toegerekend).toBe(10_000);
    expect(split.rijen.every((r) => !('kosten_bron' in r))).toBe(true);

    // The aanbiedersanalyse and the informatievragen count the allocated lasten too, and show
    // each cost also without toerekening (what they showed before) and the allocated part.
    expect((await omzet()) - omzetBefore).toBeCloseTo(10_000, 2);
    const aanbieders = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'aanbieders', pijler: null });
    expect(aanbieders.kolommen.map((k) => [k.naam, k.titel])).toEqual([
      ['product', 'Product'], ['aanbieder', 'Aanbieder'],
      ['omzet', 'Omzet met toerekening'], ['omzet_client', 'Omzet zonder toerekening'], ['omzet_toegerekend', 'Omzet toegerekend'],
      ['clienten', 'Cliënten'], ['aandeel', 'Aandeel cliënten'],
      ['gemiddeld', 'Gemiddelde kosten per cliënt met toerekening'], ['gemiddeld_client', 'Gemiddelde kosten per cliënt zonder toerekening'], ['gemiddeld_toegerekend', 'Gemiddelde kosten per cliënt toegerekend'],
    ]);
    const totaal = aanbieders.rijen.at(-1)!;
    expect(totaal).toMatchObject({ product: 'Totaal', omzet_client: omzetBefore, omzet_toegerekend: 10_000 });
    for (const r of aanbieders.rijen) {
      expect(r.omzet as number).toBeCloseTo((r.omzet_client as number) + (r.omzet_toegerekend as number), 2);
      expect(r.gemiddeld as number).toBeCloseTo((r.gemiddeld_client as number) + (r.gemiddeld_toegerekend as number), 6);
    }
    // Only the product's rows carry allocated omzet.
    expect(aanbieders.rijen.filter((r) => (r.omzet_toegerekend as number) > 0 && !r.subtotaal).every((r) => (r.product as string).startsWith(`${product} `) || r.product === product)).toBe(true);
    const iv = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'informatievragen', pijler: null });
    expect(iv.kolommen.map((k) => k.titel)).toEqual(['Vraag', 'Antwoord met toerekening', 'Antwoord zonder toerekening', 'Antwoord toegerekend', 'Eenheid']);
    const kostenRij = iv.rijen.find((r) => r.vraag === 'Kosten')!;
    expect(kostenRij.antwoord_client).toBe(vraagKosten);
    expect(kostenRij.antwoord_toegerekend).toBe(10_000);
    for (const r of iv.rijen.filter((x) => (x.vraag as string).startsWith('Duurste cliënt'))) expect(r.antwoord as number).toBeCloseTo((r.antwoord_client as number) + (r.antwoord_toegerekend as number), 2);
    // The programmering: the same targets, the realisation with the allocated lasten and without.
    const programmering = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'programmering', pijler: null });
    expect(programmering.kolommen.map((k) => k.naam)).toEqual(expect.arrayContaining(['kosten', 'kosten_client', 'kosten_toegerekend', 'realisatie_kosten_pct_client', 'prognose_kosten_client', 'prognose_kosten_toegerekend', 'verschil_kosten_client', 'verschil_kosten_pct_client']));
    expect(programmering.rijen).toHaveLength(2);
    programmering.rijen.forEach((r, i) => {
      const before = programmeringBefore.rijen[i]!;
      expect(r.kosten_client).toBe(before.kosten);
      expect(r.prognose_kosten_client).toBe(before.prognose_kosten);
      expect(r.verschil_kosten_client).toBe(before.verschil_kosten);
      expect(r.realisatie_kosten_pct_client).toBeCloseTo(before.realisatie_kosten_pct as number, 10);
      // Only 2026Q3 of 2026 is loaded: what was allocated in it projects × 365 / 92.
      expect(r.kosten_toegerekend).toBe(10_000);
      expect(r.prognose_kosten_toegerekend).toBe(Math.round((10_000 * 365 * 100) / 92) / 100);
      expect(r.kosten as number).toBeCloseTo((before.kosten as number) + 10_000, 2);
    });
    // The Excel export holds the same columns.
    const file = path.join(tempDir(), 'aanbieders.xlsx');
    await writeOverzichtWorkbook(file, aanbieders, 'Maasvoorde GM9903');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const header = (workbook.getWorksheet('Intern')!.getRow(4).values as unknown[]).slice(1);
    expect(header).toEqual(aanbieders.kolommen.map((k) => k.titel));
    // Informatievragen count the clients whose costs are positive: a client a correction left below 0 may now count with part of its share.
    const meer = (await vraag('Kosten')) - vraagKosten;
    expect(meer).toBeGreaterThan(9_000);
    expect(meer).toBeLessThanOrEqual(10_000.005);

    // The delivery of 2026Q3: v2 with that period's two rows; the gemeente's figures from it are the Overzicht's.
    const delivered = await deliverFromStore(db, { periode: parsePeriode('2026Q3'), pseudonymiser, gemeente: { code: 'GM9903', naam: 'Maasvoorde' }, out: path.join(tempDir(), 'v2.zip'), appVersion: 'test', now: new Date('2026-10-15T09:00:00Z'), ref });
    expect(delivered.manifest.versie).toBe(2);
    expect(delivered.manifest.bestanden['lasten.csv']?.rijen).toBe(2);
    const other = await testRecords();
    await other.loadDelivery(delivered.file);
    const fromDelivery = await other.figures('2026Q3', [{ niveau: 'gemeente', dimensions: [[]] }]);
    other.close();
    for (const f of fromDelivery.filter((x) => x.indicator === 'kosten')) {
      if (f.dimensie === '') expect(f.waarde).toBe(after.tegels.find((t) => t.indicator === 'kosten')!.waarde);
      if (f.dimensie === 'kosten_bron=toegerekend') expect(f.waarde).toBe(10_000);
    }
  }, 120_000);
});
