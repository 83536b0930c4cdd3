import ExcelJS from 'exceljs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { replaceAreas, replaceProducts } from '../classification/classificationStore.ts';
import { normaliseLabel } from '../classification/normaliseLabel.ts';
import { readAreaFile, readProductFile } from '../classification/tableFiles.ts';
import { deliverFromStore } from '../delivery/deliverFromStore.ts';
import { importBatch } from '../import/importBatch.ts';
import { prepareExport } from '../import/prepareExport.ts';
import { loadRecordParsers } from '../import/recordParsers.ts';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { setGemeente } from '../settings/settings.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { openTestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { testRecords } from './indicatorTestKit.ts';
import { overzichtCijfers, overzichtPerioden, overzichtTabel } from './overzicht.ts';
import { writeOverzichtWorkbook } from './overzichtWorkbook.ts';
import { closeStoreFigures } from './storeRecordSet.ts';
import { replaceProgrammering } from '../programmering/programmeringTable.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
const pseudonymiser = createPseudonymiser(createKey());
let db: Db;
let fixtures: FixtureSet;

beforeAll(async () => {
  fixtures = await fixtureSet();
  db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  setGemeente(db, 'GM9903', 'Maasvoorde');
  replaceProducts(db, await readProductFile(fixtures.products('GM9903'), ref));
  replaceAreas(db, await readAreaFile(fixtures.areas('GM9903')));
  for (const periode of ['2026Q2', '2026Q3'] as const) {
    const prepared = await prepareExport(fixtures.export('GM9903', periode), { ref, parsers });
    const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'test', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal } as never;
    await importBatch(db, { prepared, periode: parsePeriode(periode), profile, pseudonymiser, parsers });
  }
});

describe('the gemeente’s Overzicht from its store', () => {
  test('its figures are those of the delivery it would write, computed by the same engine', async () => {
    const cijfers = await overzichtCijfers(db, ref, '2026Q3', '2026Q2');
    const delivered = await deliverFromStore(db, {
      periode: parsePeriode('2026Q3'),
      pseudonymiser,
      gemeente: { code: 'GM9903', naam: 'Maasvoorde' },
      out: path.join(tempDir(), 'GM9903_2026Q3_levering.zip'),
      appVersion: 'test',
      now: new Date('2026-10-15T09:00:00Z'),
      ref,
    });
    const other = await testRecords();
    await other.loadDelivery(delivered.file);
    const fromDelivery = await other.figures('2026Q3', [{ niveau: 'gemeente', dimensions: [[]] }]);
    other.close();
    for (const tile of cijfers.tegels) {
      expect(tile.waarde, tile.indicator).toBe(fromDelivery.find((f) => f.indicator === tile.indicator && f.dimensie === '')?.waarde);
      expect(tile.vergelijk, tile.indicator).not.toBeNull();
    }
    expect(cijfers.waarschuwingen).toEqual([]); // Q2 is there, every product is classified
    expect(cijfers.trend.map((t) => t.periode)).toEqual(['2026Q2', '2026Q3']);
    expect(cijfers.wijken.length).toBeGreaterThan(1);
    expect(cijfers.stromen.beginstand + cijfers.stromen.instroom - cijfers.stromen.uitstroom).toBe(cijfers.stromen.eindstand);
    expect(cijfers.waaier.reduce((n, w) => n + (w.kosten ?? 0), 0)).toBeCloseTo(cijfers.tegels.find((t) => t.indicator === 'kosten')!.waarde!, 2);
  });

  test('periods offered, tables that add up, and a changed vertaaltabel is picked up', async () => {
    expect(await overzichtPerioden(db)).toEqual(['2026Q3', '2026Q2']);
    const aanbieders = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'aanbieders', pijler: null });
    const total = aanbieders.rijen.at(-1)!;
    expect(total.product).toBe('Totaal');
    const kosten = (await overzichtCijfers(db, ref, '2026Q3', null)).tegels.find((t) => t.indicator === 'kosten')!.waarde!;
    expect(total.omzet).toBeCloseTo(kosten, 2);
    const subtotals = aanbieders.rijen.filter((r) => r.subtotaal && r.product !== 'Totaal');
    expect(subtotals.reduce((n, r) => n + (r.omzet as number), 0)).toBeCloseTo(kosten, 2);

    const productcode = db.prepare('SELECT productcode FROM product ORDER BY productcode LIMIT 1').pluck().get() as string;
    db.prepare('DELETE FROM product WHERE productcode = ?').run(productcode);
    const after = await overzichtCijfers(db, ref, '2026Q3', null);
    expect(after.waarschuwingen.join(' ')).toMatch(/\d+ voorzieningen hebben een product dat nog niet is ingedeeld/);
  });

  test('any level and split the engine knows, as a table', async () => {
    const kosten = (await overzichtCijfers(db, ref, '2026Q3', null)).tegels.find((t) => t.indicator === 'clienten')!.waarde!;
    const total = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'uitsplitsing', pijler: null, niveau: 'gemeente', splitsing: [] });
    expect(total.rijen).toHaveLength(1);
    expect(total.rijen[0]!.clienten).toBe(kosten);
    expect(total.kolommen.map((k) => k.naam)).toContain('instroom');

    const pairs = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'uitsplitsing', pijler: null, niveau: 'wijk', splitsing: ['aanbieder', 'productcode'] });
    expect(pairs.kolommen.slice(0, 3).map((k) => k.naam)).toEqual(['gebied', 'productcode', 'aanbieder']);
    expect(pairs.kolommen.map((k) => k.naam)).not.toContain('instroom'); // flows are split by pijler at most
    const wijk = pairs.rijen[0]!.gebied as string;
    const perWijk = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'uitsplitsing', pijler: null, niveau: 'wijk', splitsing: [] });
    const voorzieningen = (rows: typeof pairs.rijen) => rows.filter((r) => r.gebied === wijk).reduce((n, r) => n + (r.voorzieningen as number), 0);
    // Voorzieningen add up over a split; clients need not (a client can have two aanbieders).
    expect(voorzieningen(pairs.rijen)).toBe(voorzieningen(perWijk.rijen));
  });

  test('an export with provider names and no AGB code gives every provider its own rows', async () => {
    // The same export imported twice: once with its AGB column, once as a system without one.
    const store = async (withAgb: boolean) => {
      const own = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
      setGemeente(own, 'GM9903', 'Maasvoorde');
      replaceProducts(own, await readProductFile(fixtures.products('GM9903'), ref));
      replaceAreas(own, await readAreaFile(fixtures.areas('GM9903')));
      const prepared = await prepareExport(fixtures.export('GM9903', '2026Q3'), { ref, parsers });
      expect(prepared.mapping.aanbieder_naam).toBeDefined();
      if (!withAgb) delete prepared.mapping.aanbieder;
      const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'test', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal } as never;
      await importBatch(own, { prepared, periode: parsePeriode('2026Q3'), profile, pseudonymiser, parsers });
      return own;
    };
    const coded = await store(true);
    const named = await store(false);

    const lines = async (store: Db) =>
      (await overzichtTabel(store, ref, { periode: '2026Q3', tabel: 'aanbieders', pijler: null })).rijen
        .filter((r) => !r.subtotaal)
        .map((r) => `${r.product} | ${r.aanbieder} | ${r.omzet} | ${r.clienten}`)
        .sort();
    const withCodes = await lines(coded);
    expect(new Set(withCodes.map((l) => l.split(' | ')[1])).size).toBeGreaterThan(10);
    expect(await lines(named)).toEqual(withCodes);

    // Cijfers naar keuze: the key is the normalised name, shown beside the name as written.
    const split = await overzichtTabel(named, ref, { periode: '2026Q3', tabel: 'uitsplitsing', pijler: null, niveau: 'gemeente', splitsing: ['aanbieder'] });
    expect(split.kolommen.slice(0, 2).map((k) => [k.naam, k.titel])).toEqual([['aanbieder', 'Aanbieder'], ['aanbieder_naam', 'Naam aanbieder']]);
    const biggest = split.rijen.find((r) => r.aanbieder !== '')!;
    expect(biggest.aanbieder).toBe(normaliseLabel(biggest.aanbieder_naam as string));
    expect(split.rijen.length).toBe(new Set(withCodes.map((l) => l.split(' | ')[1])).size);
    for (const store of [coded, named]) {
      closeStoreFigures(store);
      store.close();
    }
  });

  test('the table choice is checked at the door', async () => {
    const { call, core } = await openTestCore();
    await expect(call('overzicht.tabel', { periode: '2026Q3', tabel: 'uitsplitsing', pijler: null, splitsing: ['pijler', 'pijler'] })).rejects.toThrow('een uitsplitsing komt maar één keer voor');
    await expect(call('overzicht.tabel', { periode: '2026Q3', tabel: 'uitsplitsing', pijler: null, splitsing: ['client' as never] })).rejects.toThrow();
    await expect(call('overzicht.cijfers', { periode: '2026Q3', vergelijk: null })).rejects.toThrow('Er is niets ingelezen voor periode 2026Q3');
    core.close();
  });

  test('an exported table says it is internal and keeps its numbers as numbers', async () => {
    const table = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'wijken', pijler: null });
    const file = path.join(tempDir(), 'wijken.xlsx');
    await writeOverzichtWorkbook(file, table, 'Maasvoorde GM9903');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Intern')!;
    expect(String(sheet.getCell('A1').value)).toMatch(/^INTERN — niet onderdrukte cijfers/);
    expect(sheet.getRow(4).values).toEqual([undefined, ...table.kolommen.map((k) => k.titel)]);
    expect(sheet.getCell('B5').value).toBe(table.rijen[0]!.clienten);
    expect(sheet.getColumn(5).numFmt).toBe('€ #,##0.00');
  });
});

describe('the Programmering view', () => {
  test('year to date from the loaded quarters against the targets, projected, signalled, and the same in Excel', async () => {
    const base = { jaar: 2026, pijler: 'WMO', productcode: '', aanbieder: '', wijk: '', clienten: null, kosten: null, aandeel: null };
    replaceProgrammering(db, [
      { ...base, clienten: 1, kosten: 1e9 },
      { ...base, jaar: 2027, clienten: 2, kosten: 5000 },
    ]);
    const table = await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'programmering', pijler: null });
    expect(table.titel).toBe('Programmering 2026: realisatie t/m 30-09-2026 (2026Q2, 2026Q3), lineaire prognose naar jaareinde');
    expect(table.rijen).toHaveLength(1);
    const [row] = table.rijen;
    // Costs add over the quarters; clients are counted once over both.
    const wmo = async (periode: string) => (await overzichtTabel(db, ref, { periode, tabel: 'uitsplitsing', pijler: null, niveau: 'gemeente', splitsing: ['pijler'] })).rijen.find((r) => r.pijler === 'WMO')!;
    const [q2, q3] = [await wmo('2026Q2'), await wmo('2026Q3')];
    expect(row!.kosten).toBeCloseTo((q2.kosten as number) + (q3.kosten as number), 2);
    expect(row!.clienten).toBeGreaterThanOrEqual(Math.max(q2.clienten as number, q3.clienten as number));
    expect(row!.clienten).toBeLessThan((q2.clienten as number) + (q3.clienten as number));
    // Two quarters loaded, 183 days of 365.
    expect(row!.prognose_kosten).toBeCloseTo(((row!.kosten as number) * 365) / 183, 2);
    expect(row).toMatchObject({ pijler: 'WMO', product: 'alle producten', aanbieder: 'alle', wijk: 'alle', streef_clienten: 1, signaal: 'overschreden', streef_clienten_2027: 2, streef_kosten_2027: 5000 });
    expect(table.kolommen.slice(-2)).toEqual([
      { naam: 'streef_clienten_2027', titel: 'Streef cliënten 2027', soort: 'getal' },
      { naam: 'streef_kosten_2027', titel: 'Streef kosten 2027', soort: 'euro' },
    ]);
    // Another pillar's filter leaves no WMO target.
    expect((await overzichtTabel(db, ref, { periode: '2026Q3', tabel: 'programmering', pijler: 'JW' })).rijen).toEqual([]);

    const file = path.join(tempDir(), 'programmering.xlsx');
    await writeOverzichtWorkbook(file, table, 'Maasvoorde GM9903');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Intern')!;
    expect(sheet.getRow(4).values).toEqual([undefined, ...table.kolommen.map((k) => k.titel)]);
    const signaal = table.kolommen.findIndex((k) => k.naam === 'signaal') + 1;
    expect(sheet.getRow(5).getCell(signaal).value).toBe('overschreden');
    expect(sheet.getRow(5).getCell(table.kolommen.findIndex((k) => k.naam === 'prognose_kosten') + 1).value).toBe(row!.prognose_kosten);
    // The signal is reported, not only a cell: above the table on screen, below it in Excel.
    const clienten = (n: unknown) => (n as number).toLocaleString('nl-NL', { maximumFractionDigits: 1 });
    expect(table.meldingen).toEqual([`Overschreden: WMO, alle producten (cliënten ${clienten(row!.clienten)} t/m nu, prognose ${clienten(row!.prognose_clienten)}, streefwaarde 1).`]);
    expect(sheet.getCell('A7').value).toBe('Signalen');
    expect(sheet.getCell('A8').value).toBe(table.meldingen![0]);
    replaceProgrammering(db, []);
  });
});
