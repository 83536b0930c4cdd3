import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportCentralFigures } from '../central/export/exportFigures.ts';
import { publishedPeriods, readPublication } from '../central/export/publicationStore.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { chromiumPdfPrinter } from './chromiumPdf.ts';
import { SUPPRESSED_MARK } from './packTables.ts';
import { IJK_PERIODE, packTwoPeriodStore, PACK_PERIODE } from './packTestKit.ts';
import { readReleaseCsv, type ReleaseRow } from './releaseRows.ts';
import { writePacks, type PackRunResult } from './writePacks.ts';

/*
 * The pack of PACK_PERIODE against its ijkperiode on a store with two published periods: the
 * change comes from the two stored publications, a suppressed side gives the mark, a key change
 * gives no change and a note, and the workbook holds no number that is not in one of the two
 * releases or the difference (or %) of two published values of both.
 */

let store: CentralStore;
let out: string;
let result: PackRunResult;
const pijlerVolgorde = ['WMO', 'JW'];

beforeAll(async () => {
  store = await packTwoPeriodStore();
  // The ijkperiode is published first, as central export does it.
  await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: IJK_PERIODE, out: path.join(tempDir(), 'cijfers.csv'), intern: false, pijlerVolgorde }));
  out = tempDir('wm-pakketten-ijk-');
  const printer = await chromiumPdfPrinter();
  try {
    result = await withScopedDuckDb(store.dataDir, {}, (c) => writePacks(store, c, { periode: PACK_PERIODE, out, pijlerVolgorde, printer, now: new Date('2026-11-30T10:00:00Z') }));
  } finally {
    await printer.close();
  }
}, 300_000);
afterAll(() => store?.close());

async function sheet(gemeente: string, name: string): Promise<(string | number | null)[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(out, `${gemeente}_${PACK_PERIODE}_pakket.xlsx`));
  const rows: (string | number | null)[][] = [];
  // ExcelJS leaves out empty cells at the end of a row: padded, so an empty change reads as null.
  workbook.getWorksheet(name)!.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from({ length: 6 }, (_, i) => ((row.values as unknown[])[i + 1] ?? null) as string | number | null)));
  return rows;
}

const find = (rows: (string | number | null)[][], ...start: string[]) => rows.find((r) => start.every((s, i) => r[i] === s));
const value = (rows: readonly ReleaseRow[], gemeente: string, wijk: string, indicator: string) => rows.find((r) => r.gemeente === gemeente && r.wijk === wijk && r.indicator === indicator && r.dimensie === '');

describe('central pack against an ijkperiode', () => {
  test('both periods are stored publications, the default ijkperiode is the same quarter a year earlier', () => {
    expect(publishedPeriods(store.dataDir)).toEqual([IJK_PERIODE, PACK_PERIODE]);
    expect(readPublication(store.dataDir, IJK_PERIODE)!.gemeenten.map((g) => g.gemeente)).toEqual(['GM9901', 'GM9902']);
    expect(result.gemeenten.map((g) => [g.gemeente, g.ok])).toEqual([['GM9901', true], ['GM9902', true]]);
  });

  test('managementsamenvatting: the change of GM9901 (same key), hand-checked', async () => {
    const rows = await sheet('GM9901', 'Samenvatting');
    expect(rows[2]!.slice(0, 6)).toEqual(['Indicator', 'Testgemeente 9901', 'Alle gemeenten', `Testgemeente 9901, ${IJK_PERIODE}`, `Verandering t.o.v. ijkperiode ${IJK_PERIODE}`, 'Verandering in %']);
    // Clients: 24 + 15 + 11 + 2 = 52 in 2026Q2, 20 + 15 + 10 + 6 = 51 in 2025Q2: +1, +2.0 %.
    expect(find(rows, 'Cliënten')).toEqual(['Cliënten', 52, expect.anything(), 51, 1, 2]);
    // Costs: 125.50 per record, 52 against 51 records.
    expect(find(rows, 'Kosten')?.slice(3)).toEqual([6400.5, 125.5, 2]);
    // ALLE: GM9902 changed its key, so ALLE is no comparison.
    expect(find(rows, 'Cliënten')![2]).toBe(94);
    expect(String(rows[1]![0])).toMatch(/Alle gemeenten en de referentiegroepen: geen verandering/);
  });

  test('trends: per wijk both periods and the change; a side suppressed gives the mark, never a number', async () => {
    const rows = await sheet('GM9901', 'Trends');
    expect(rows[2]).toEqual(['Gebied', 'Indicator', IJK_PERIODE, PACK_PERIODE, 'Verandering', 'Verandering in %']);
    const p = readReleaseCsv(result.release);
    const i = readReleaseCsv(readPublication(store.dataDir, IJK_PERIODE)!.cijfers);
    // WK990103: 2 clients now (suppressed), 6 in the ijkperiode.
    expect(value(p, 'GM9901', 'WK990103', 'clienten')!.status).toBe('onderdrukt');
    const small = find(rows, 'WK990103 Buitengebied', 'Cliënten')!;
    expect(small[3]).toBe(SUPPRESSED_MARK);
    expect(small.slice(4)).toEqual([SUPPRESSED_MARK, SUPPRESSED_MARK]);
    expect(small[2]).toBe(value(i, 'GM9901', 'WK990103', 'clienten')!.status === 'ok' ? 6 : SUPPRESSED_MARK);
    // WK990102: 15 + 11 = 26 against 25, where both are published.
    const noord = find(rows, 'WK990102 Noord', 'Cliënten')!;
    if (value(p, 'GM9901', 'WK990102', 'clienten')!.status === 'ok' && value(i, 'GM9901', 'WK990102', 'clienten')!.status === 'ok') expect(noord.slice(2)).toEqual([25, 26, 1, 4]);
    else expect(noord[4]).toBe(SUPPRESSED_MARK);
    // Per 1,000 inhabitants: the gemeente has 9,000; 52 → 5.78, 51 → 5.67.
    expect(find(rows, 'Testgemeente 9901', 'Cliënten per 1.000 inwoners')?.slice(2)).toEqual([5.67, 5.78, 0.11, 1.9]);
    // ALLE without a comparison (GM9902's key change): its P value, no ijk value, no change.
    expect(find(rows, 'Alle gemeenten', 'Cliënten')?.slice(2)).toEqual([null, 94, null, null]);
  });

  test('a key change between the ijkperiode and the period: no change for that gemeente, with the reason', async () => {
    const rows = await sheet('GM9902', 'Samenvatting');
    expect(find(rows, 'Cliënten')?.slice(3)).toEqual([null, null, null]);
    expect(String(rows[1]![0])).toMatch(/pseudonimiseringssleutel van GM9902 is tussen 2025Q2 en 2026Q2 gewijzigd/);
    const trends = await sheet('GM9902', 'Trends');
    expect(trends.filter((r) => typeof r[4] === 'number')).toEqual([]);
  });

  test('the workbook holds no number the two releases lack, other than changes of two published values', async () => {
    const p = readReleaseCsv(result.release);
    const i = readReleaseCsv(readPublication(store.dataDir, IJK_PERIODE)!.cijfers);
    const allowed = new Set<number>();
    const index = new Map(i.filter((r) => r.status === 'ok').map((r) => [`${r.gemeente}|${r.wijk}|${r.indicator}|${r.dimensie}`, r.waarde!]));
    for (const r of [...p, ...i]) if (r.waarde !== null) allowed.add(r.waarde);
    for (const r of p) {
      const base = index.get(`${r.gemeente}|${r.wijk}|${r.indicator}|${r.dimensie}`);
      if (r.status !== 'ok' || base === undefined) continue;
      allowed.add(Math.round((r.waarde! - base) * 100) / 100);
      if (base !== 0) allowed.add(Math.round(((r.waarde! - base) / base) * 1000) / 10);
    }
    let numbers = 0;
    for (const gemeente of ['GM9901', 'GM9902']) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(out, `${gemeente}_${PACK_PERIODE}_pakket.xlsx`));
      workbook.eachSheet((ws) =>
        ws.eachRow((row, n) => {
          if (n <= 3 && ws.name !== 'Inhoud') return;
          for (const v of (row.values as unknown[]).slice(1)) {
            if (typeof v !== 'number') continue;
            numbers++;
            expect(allowed.has(v), `${gemeente} ${ws.name} rij ${n}: ${v}`).toBe(true);
          }
        }),
      );
    }
    expect(numbers).toBeGreaterThan(100);
  });

  test('the PDF renders with the change and the trends', () => {
    const pdf = path.join(out, `GM9901_${PACK_PERIODE}_rapportage.pdf`);
    const pngDir = tempDir('wm-pdftoppm-');
    execFileSync('pdftoppm', ['-r', '30', '-png', pdf, path.join(pngDir, 'pagina')], { stdio: 'pipe', timeout: 120_000 });
    expect(readdirSync(pngDir).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(5);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`${PACK_PERIODE} t.o.v. ijkperiode ${IJK_PERIODE}: cliënten, kosten en cijfers per inwoner`);
    expect(text).toContain(`verandering = ${PACK_PERIODE} − ${IJK_PERIODE}, in % van ${IJK_PERIODE}`);
    expect(text).toMatch(/Ijkperiode 2025Q2 \(publicatie van/);
    expect(text).toMatch(/WK990103 Buitengebied Cliënten 6 × × ×/);
  });
});
