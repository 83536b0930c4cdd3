import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { chromiumPdfPrinter } from './chromiumPdf.ts';
import { reportSections } from './packReportHtml.ts';
import { packTables, SUPPRESSED_MARK } from './packTables.ts';
import { packTestStore, PACK_PERIODE } from './packTestKit.ts';
import { readReleaseCsv } from './releaseRows.ts';
import { writePacks, type PackRunResult } from './writePacks.ts';
import { packInput } from './packInput.ts';
import { noIjk } from './ijkperiode.ts';

/*
 * The pack end to end on a small release: the files exist, the workbook opens in LibreOffice and
 * holds no number the release does not, the PDF renders with poppler to the expected pages.
 * LibreOffice (soffice) and poppler (pdftoppm) are required: scripts/test-all.ts installs them.
 */

let store: CentralStore;
let out: string;
let result: PackRunResult;

beforeAll(async () => {
  store = await packTestStore();
  out = tempDir('wm-pakketten-');
  const printer = await chromiumPdfPrinter();
  try {
    result = await withScopedDuckDb(store.dataDir, {}, (c) =>
      writePacks(store, c, { periode: PACK_PERIODE, out, pijlerVolgorde: ['WMO', 'JW'], printer, change: { status: 'definitief', toelichting: 'Cijfers over Q2; wijk Buitengebied is klein.' }, now: new Date('2026-11-30T10:00:00Z') }),
    );
  } finally {
    await printer.close();
  }
}, 240_000);
afterAll(() => store?.close());

describe('central pack', () => {
  test('one pack per approved gemeente, the release and its audit kept in the analyst folder', () => {
    expect(result.gemeenten.map((g) => [g.gemeente, g.ok])).toEqual([['GM9901', true], ['GM9902', true]]);
    expect(result.release.startsWith(store.dataDir)).toBe(true);
    expect(existsSync(result.audit)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(
      ['GM9901', 'GM9902'].flatMap((g) => [`${g}_2026Q2_benchmark.zip`, `${g}_2026Q2_dataset.csv`, `${g}_2026Q2_dataset.parquet`, `${g}_2026Q2_pakket.xlsx`, `${g}_2026Q2_rapportage.pdf`]).sort(),
    );
    expect(readdirSync(out).some((f) => f.includes('audit'))).toBe(false);
  });

  test('the verrijkte dataset: the same rows as CSV and Parquet, with wijknaam, group, CBS profile, status and toelichting', async () => {
    const csv = readFileSync(path.join(out, 'GM9901_2026Q2_dataset.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toMatch(/^periode;gemeente;wijk;wijknaam;referentiegroep;groepnaam;indicator;dimensie;waarde;status;pakketstatus;toelichting;cbs_inwoners;/);
    expect(csv.some((line) => line.startsWith('2026Q2;GM9901;WK990102;Noord;RG01;veel ouderen, stedelijk;clienten;;26;ok;definitief;'))).toBe(true);
    const parquet = path.join(out, 'GM9901_2026Q2_dataset.parquet');
    const counted = await withScopedDuckDb(store.dataDir, {}, async (c) => (await c.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(DISTINCT toelichting)::INTEGER AS t FROM read_parquet('${parquet}')`)).getRowObjectsJS()[0]);
    expect(counted).toEqual({ n: csv.length - 1, t: 1 });
  });

  test('the workbook converts in headless LibreOffice and holds no number the release does not', () => {
    const rows = readReleaseCsv(result.release);
    const allowed = new Set<string>();
    for (const r of rows) {
      if (r.waarde !== null) allowed.add(String(r.waarde));
      for (const part of `${r.dimensie}|${r.wijk}|${r.periode}`.split(/[|=]/)) allowed.add(part);
    }
    const csvDir = tempDir('wm-soffice-');
    const xlsx = path.join(out, 'GM9901_2026Q2_pakket.xlsx');
    // -1: every sheet to its own CSV; raw values (not as shown), UTF-8.
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${csvDir}/profiel`, '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1', '--outdir', csvDir, xlsx], { stdio: 'pipe', timeout: 120_000 });
    const sheets = readdirSync(csvDir).filter((f) => f.endsWith('.csv'));
    expect(sheets.length).toBe(9);
    let numbers = 0;
    for (const sheet of sheets) {
      const text = readFileSync(path.join(csvDir, sheet), 'utf8');
      for (const field of text.split(/[;\n]/).map((f) => f.replace(/^"|"$/g, '').trim())) {
        if (!/^-?\d+(\.\d+)?$/.test(field)) continue;
        numbers++;
        expect(allowed.has(String(Number(field))) || allowed.has(field), `${sheet}: ${field}`).toBe(true);
      }
    }
    expect(numbers).toBeGreaterThan(50);
    // The small wijk is suppressed and shown as the one mark.
    const wijken = readFileSync(path.join(csvDir, sheets.find((s) => s.includes('Wijken'))!), 'utf8');
    expect(wijken).toMatch(new RegExp(`WK990103;Buitengebied;RG02;Cliënten;${SUPPRESSED_MARK}`));
  }, 180_000);

  test('the PDF renders with pdftoppm: a title page and one page per section', () => {
    const pdf = path.join(out, 'GM9901_2026Q2_rapportage.pdf');
    const input = packInput(store.db, { periode: PACK_PERIODE, gemeente: 'GM9901', setting: { status: 'definitief', toelichting: '' }, aangemaakt: '2026-11-30T10:00:00Z', cbsJaar: 2024, release: readReleaseCsv(result.release), ijk: noIjk([]) });
    const expected = 1 + reportSections(packTables(input)).length;
    const pngDir = tempDir('wm-pdftoppm-');
    execFileSync('pdftoppm', ['-r', '40', '-png', pdf, path.join(pngDir, 'pagina')], { stdio: 'pipe', timeout: 120_000 });
    expect(readdirSync(pngDir).filter((f) => f.endsWith('.png')).length).toBe(expected);
    const info = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(info).toContain('definitief');
    expect(info).toContain('Cijfers over Q2; wijk Buitengebied is klein.');
    expect(info).toMatch(/pagina 1 van \d+/);
  }, 120_000);

  test('a gemeente without akkoord gets a Dutch reason and the others their pack', async () => {
    const printer = await chromiumPdfPrinter();
    try {
      const again = await withScopedDuckDb(store.dataDir, {}, (c) => writePacks(store, c, { periode: PACK_PERIODE, out: tempDir(), gemeenten: ['GM9903', 'GM9902'], pijlerVolgorde: ['WMO', 'JW'], printer }));
      expect(again.gemeenten[0]).toMatchObject({ gemeente: 'GM9903', ok: false, fout: expect.stringMatching(/akkoord/) });
      // The stored status and toelichting carry over to a pack made without them.
      expect(again.gemeenten[1]).toMatchObject({ gemeente: 'GM9902', ok: true, setting: { status: 'definitief', toelichting: 'Cijfers over Q2; wijk Buitengebied is klein.' } });
    } finally {
      await printer.close();
    }
  }, 240_000);
});
