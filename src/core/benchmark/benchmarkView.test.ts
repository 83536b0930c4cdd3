import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { records, writeKwbPopulation, writeTestDelivery, type KwbRegion } from '../central/centralTestKit.ts';
import { CATALOGUE_FILE } from '../central/store/centralStore.ts';
import { openTestCore, type TestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.core.close()));

/** Small data: the disclosure engine is being made fast elsewhere; a handful of cells is enough here. */
async function centralWithDeliveries(): Promise<TestCore> {
  const c = await openTestCore(tempDir('wm-benchmark-'));
  cores.push(c);
  const delivery = (gemeente: string, parts: [string, number][]) =>
    writeTestDelivery({ gemeente, periode: '2026Q2', dir: tempDir(), records: parts.flatMap(([wijk, n], i) => records(n, { wijk, begindatum: '2026-04-01', kosten: 100, leeftijd: 30 + i * 20, geslacht: i % 2 ? '2' : '1' }, 'abcdefgh'[i])) });
  // GM9901's wijk 03 has 2 clients: suppressed in a publication, with whatever would reveal it.
  const files = [await delivery('GM9901', [['WK990101', 20], ['WK990102', 15], ['WK990103', 2]]), await delivery('GM9902', [['WK990201', 30], ['WK990202', 12]])];
  c.dialogs.queueOpen(files);
  await c.call('central.import', { jobId: 'intake' });
  const band = (n: number): [number, number, number, number, number] => [Math.round(n * 0.2), Math.round(n * 0.1), Math.round(n * 0.3), Math.round(n * 0.25), n - Math.round(n * 0.2) - Math.round(n * 0.1) - Math.round(n * 0.3) - Math.round(n * 0.25)];
  const region = (code: string, n: number): KwbRegion => [code, n, Math.round(n / 2), n - Math.round(n / 2), ...band(n)];
  const kwb = writeKwbPopulation([region('GM9901', 9000), region('WK990101', 4000), region('WK990102', 3000), region('WK990103', 2000), region('GM9902', 8000), region('WK990201', 5000), region('WK990202', 3000)]);
  c.dialogs.queueOpen([kwb]);
  await c.call('central.reference', { jaar: 2026 });
  return c;
}

describe('the Benchmark screen’s figures', () => {
  test('intern: every current delivery unsuppressed, per wijk with sr and a funnel; the Excel export says intern', async () => {
    const c = await centralWithDeliveries();
    const view = await c.call('central.benchmark', { periode: '2026Q2', intern: true, dimensie: 'pijler=WMO', gemeente: 'GM9901' });
    expect(view.gemeenten.map((g) => g.code)).toEqual(['GM9901', 'GM9902']);
    expect(view.dimensies).toContain('');
    expect(view.dimensies).toContain('pijler=WMO');
    const value = (gemeente: string, gebied: string, indicator: string) => view.cijfers.find((x) => x.gemeente === gemeente && x.gebied === gebied && x.indicator === indicator);
    expect(value('GM9901', 'WK990103', 'clienten')).toMatchObject({ waarde: 2, onderdrukt: false });
    expect(value('ALLE', '', 'clienten')).toMatchObject({ waarde: 79 });
    const sr = value('GM9901', 'WK990101', 'sr')!.waarde!;
    expect(value('GM9901', 'WK990101', 'sr_onder')!.waarde!).toBeLessThan(sr);
    expect(value('GM9901', 'WK990101', 'sr_boven')!.waarde!).toBeGreaterThan(sr);
    expect(view.trechter.length).toBeGreaterThan(1);
    expect(view.trechter[0]!.onder998).toBeLessThanOrEqual(view.trechter[0]!.onder95);
    expect(view.tabel!.titel).toContain('intern');
    expect(view.tabel!.rijen.map((r) => r.gebied)).toEqual(['WK990101', 'WK990102', 'WK990103', 'GM9901', 'ALLE']);
    expect(view.meldingen.join(' ')).toContain('nog geen referentiegroepen');

    const out = path.join(tempDir(), 'benchmark-intern.xlsx');
    c.dialogs.queueSave(out);
    expect(await c.call('central.benchmarkExport', { periode: '2026Q2', intern: true, dimensie: 'pijler=WMO', gemeente: 'GM9901' })).toEqual({ saved: true, path: out });
    expect(c.dialogs.asked.at(-1)).toEqual({ kind: 'save', title: 'Benchmark opslaan (intern)' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(String(book.worksheets[0]!.getCell('A1').value)).toMatch(/^INTERN/);
  });

  test('published: only approved gemeenten, a suppressed cell arrives without its value (never 0), also in the table and its export', async () => {
    const c = await centralWithDeliveries();
    await expect(c.call('central.benchmark', { periode: '2026Q2', intern: false, dimensie: '' })).rejects.toThrow(/akkoord/);
    for (const gemeente of ['GM9901', 'GM9902']) await c.call('central.approve', { gemeente, periode: '2026Q2', door: 'test' });
    const view = await c.call('central.benchmark', { periode: '2026Q2', intern: false, dimensie: '', gemeente: 'GM9901' });
    expect(view.onderdrukking!.primair).toBeGreaterThan(0);
    const small = view.cijfers.filter((x) => x.gemeente === 'GM9901' && x.gebied === 'WK990103');
    expect(small.length).toBeGreaterThan(0);
    for (const x of small) expect(x).toMatchObject({ waarde: null, onderdrukt: true });
    // Nothing shown holds 1–4 clients.
    for (const x of view.cijfers.filter((x) => x.indicator === 'clienten' && !x.onderdrukt)) expect(x.waarde! === 0 || x.waarde! >= 5).toBe(true);
    const row = view.tabel!.rijen.find((r) => r.gebied === 'WK990103')!;
    expect(row.clienten).toBe('onderdrukt');
    expect(view.tabel!.titel).toContain('onderdrukt zoals gepubliceerd');

    const out = path.join(tempDir(), 'benchmark.xlsx');
    c.dialogs.queueSave(out);
    await c.call('central.benchmarkExport', { periode: '2026Q2', intern: false, dimensie: '', gemeente: 'GM9901' });
    expect(c.dialogs.asked.at(-1)).toEqual({ kind: 'save', title: 'Benchmark opslaan' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toMatch(/^Zoals gepubliceerd/);
    const texts: unknown[] = [];
    sheet.eachRow((r) => texts.push(...(r.values as unknown[])));
    expect(texts).toContain('onderdrukt');
  });

  test('a split other than the total or one key is refused in Dutch', async () => {
    const c = await openTestCore(tempDir());
    cores.push(c);
    await expect(c.call('central.benchmark', { periode: '2026Q2', intern: true, dimensie: 'pijler=WMO|aanbieder=A1' })).rejects.toThrow('Kies het totaal of één uitsplitsing');
  });

  test('with reference groups: intern shows each wijk’s group and its figures; a publication shows them under disclosure control', async () => {
    const c = await centralWithDeliveries();
    // A grouping as central.groupsView stores it (over the whole country in real use; these five wijken here).
    const db = new Database(path.join(c.dataDir, CATALOGUE_FILE));
    db.prepare("INSERT INTO referentiegroep (jaar, code, naam, klein, wijken, inwoners) VALUES (2026, 'RG01', 'groot', 0, 3, 12000), (2026, 'RG02', 'klein', 1, 2, 5000)").run();
    db.prepare("INSERT INTO referentiegroep_wijk (jaar, wijk, groep, afstand) VALUES (2026, 'WK990101', 'RG01', 0.1), (2026, 'WK990201', 'RG01', 0.2), (2026, 'WK990202', 'RG01', 0.3), (2026, 'WK990102', 'RG02', 0.1), (2026, 'WK990103', 'RG02', 0.2)").run();
    db.close();
    const view = await c.call('central.benchmark', { periode: '2026Q2', intern: true, dimensie: 'pijler=WMO', gemeente: 'GM9901' });
    expect(view.wijken.find((w) => w.code === 'WK990101')!.groep).toBe('RG01');
    expect(view.groepen.map((g) => g.code)).toEqual(['RG01', 'RG02']);
    // RG01: 20 + 30 + 12 clients in its three wijken, over two gemeenten.
    expect(view.cijfers.find((x) => x.gemeente === '' && x.gebied === 'RG01' && x.indicator === 'clienten')!.waarde).toBe(62);
    expect(view.cijfers.find((x) => x.gemeente === '' && x.gebied === 'RG01' && x.indicator === 'sr')!.waarde).toBeGreaterThan(0);
    expect(view.tabel!.rijen.map((r) => r.gebied)).toEqual(['WK990101', 'WK990102', 'WK990103', 'GM9901', 'RG01', 'RG02', 'ALLE']);

    for (const gemeente of ['GM9901', 'GM9902']) await c.call('central.approve', { gemeente, periode: '2026Q2', door: 'test' });
    const published = await c.call('central.benchmark', { periode: '2026Q2', intern: false, dimensie: 'pijler=WMO', gemeente: 'GM9901' });
    // RG01's 62 clients are the sum of published wijk cells, so the publication has it as it is.
    const rg01 = published.cijfers.find((x) => x.gemeente === '' && x.gebied === 'RG01' && x.indicator === 'clienten')!;
    expect(rg01.onderdrukt ? null : rg01.waarde).toBe(62);
    expect(published.tabel!.rijen.map((r) => r.gebied)).toEqual(['WK990101', 'WK990102', 'WK990103', 'GM9901', 'RG01', 'RG02', 'ALLE']);
    expect(published.meldingen.join(' ')).not.toContain('referentiegroepen');
  });
});
