import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { deliveryFiles } from '../delivery/deliveryTestKit.ts';
import { chromiumPdfPrinter } from './chromiumPdf.ts';
import { packCharts } from './packCharts.ts';
import { reportSections } from './packReportHtml.ts';
import { groupComparison, indicatorName, packTables, SR_NOT_SHOWN, SUPPRESSED_MARK, SUPPRESSED_NOTE } from './packTables.ts';
import { packTestStore, PACK_PERIODE } from './packTestKit.ts';
import { parseReleaseCsv, readReleaseCsv, type ReleaseRow } from './releaseRows.ts';
import { writePacks, type PackRunResult } from './writePacks.ts';
import { packInput } from './packInput.ts';
import { noIjk } from './ijkperiode.ts';

/*
 * The pack end to end on a small release: the files exist, the workbook opens in LibreOffice and
 * holds no number the release does not, the PDF renders with poppler to the expected pages.
 * LibreOffice (soffice) and poppler (pdftoppm) are required: scripts/test-all.ts installs them.
 */

const GM = 'GM9901';
const STATUS = 'definitief';
const TOELICHTING = 'Cijfers over Q2; wijk Buitengebied is klein.';
const key = (g: string, wijk: string, indicator: string, dimensie: string) => `${g}|${wijk}|${indicator}|${dimensie}`;

/** What a pack of GM may show, found apart from the pack's code: its own rows, ALLE, and the groups its wijken are in. */
function visibleRows(rows: readonly ReleaseRow[]): ReleaseRow[] {
  const groepen = new Set((store.db.prepare("SELECT DISTINCT groep FROM referentiegroep_wijk WHERE wijk LIKE 'WK9901%'").all() as { groep: string }[]).map((r) => r.groep));
  return rows.filter((r) => r.gemeente === GM || r.gemeente === 'ALLE' || (r.gemeente === '' && groepen.has(r.wijk)));
}

/** A release value as the workbook must show it: the number, the one mark when suppressed, nothing when the release has no such row. */
function expectedCell(index: Map<string, ReleaseRow>, g: string, wijk: string, indicator: string, dimensie = ''): number | string | undefined {
  const r = index.get(key(g, wijk, indicator, dimensie));
  return r === undefined ? undefined : r.status === 'onderdrukt' ? SUPPRESSED_MARK : r.waarde!;
}

const cellValue = (v: ExcelJS.CellValue | undefined) => (v === null || v === '' ? undefined : v);
const codeOfName = (codes: readonly string[]) => new Map(codes.map((c) => [indicatorName(c), c]));

let store: CentralStore;
let out: string;
let result: PackRunResult;

beforeAll(async () => {
  store = await packTestStore();
  out = tempDir('wm-pakketten-');
  const printer = await chromiumPdfPrinter();
  try {
    result = await withScopedDuckDb(store.dataDir, {}, (c) =>
      writePacks(store, c, { periode: PACK_PERIODE, out, pijlerVolgorde: ['WMO', 'JW'], printer, change: { status: STATUS, toelichting: TOELICHTING }, now: new Date('2026-11-30T10:00:00Z') }),
    );
  } finally {
    await printer.close();
  }
}, 240_000);
afterAll(() => store?.close());

describe('the summary against the reference groups', () => {
  test('counts the wijken above and below their group where both are published numbers', () => {
    const mark = { onderdrukt: true } as const;
    expect(groupComparison([[10, 8], [5, 8], [7, 7], [mark, 8], [4, null]])).toBe('hoger in 1 van 3 wijken, lager in 1, gelijk in 1, 2 niet te vergelijken');
    expect(groupComparison([[12.5, 3]])).toBe('hoger in 1 van 1 wijken, lager in 0');
    expect(groupComparison([[mark, 3]])).toBe('niet te vergelijken (onderdrukt of niet gepubliceerd)');
    expect(groupComparison([])).toBe('geen wijken met een referentiegroep');
  });
});

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
    // Only what this gemeente's pack may show: another gemeente's figures are not allowed, even if published.
    const rows = visibleRows(readReleaseCsv(result.release));
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

  test('every cell of every sheet is the release value of its place: number, mark or empty (Data row by row)', async () => {
    const release = readReleaseCsv(result.release);
    const index = new Map(visibleRows(release).map((r) => [key(r.gemeente, r.wijk, r.indicator, r.dimensie), r]));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, `${GM}_2026Q2_pakket.xlsx`));
    const naam = 'Testgemeente 9901';
    const groupOfWijk = new Map((store.db.prepare("SELECT wijk, groep FROM referentiegroep_wijk WHERE wijk LIKE 'WK9901%'").all() as { wijk: string; groep: string }[]).map((r) => [r.wijk, r.groep]));
    const names = codeOfName(['clienten', 'huishoudens', 'voorzieningen', 'kosten', 'kosten_per_client', 'clienten_per_1000', 'kosten_per_inwoner', 'instroom', 'uitstroom', 'stapeling', 'verwacht', 'sr', 'sr_onder', 'sr_boven']);
    // Per sheet: for a data row, the expected value of each value column (1-based); text columns are the keys.
    type Spec = (v: (c: number) => string) => Record<number, number | string | undefined>;
    const none = { 3: undefined, 5: undefined, 6: undefined };
    const specs: Record<string, Spec> = {
      Samenvatting: (v) => {
        const code = names.get(v(1))!;
        // Column 7 compares each wijk with its group as the Wijken sheet shows them, counted from the release here apart from the pack's code
        // (in this store RG01 is not published and RG02 suppressed, so it says "niet te vergelijken"; groupComparison's own test has the counts).
        const pairs = ['WK990101', 'WK990102', 'WK990103'].map((w) => [expectedCell(index, GM, w, code), expectedCell(index, '', groupOfWijk.get(w)!, code)]);
        const above = pairs.filter(([a, b]) => typeof a === 'number' && typeof b === 'number' && a > b).length;
        const compared = pairs.filter(([a, b]) => typeof a === 'number' && typeof b === 'number').length;
        const tovGroep = !['kosten_per_client', 'clienten_per_1000', 'kosten_per_inwoner'].includes(code)
          ? undefined
          : compared === 0 ? 'niet te vergelijken (onderdrukt of niet gepubliceerd)' : expect.stringMatching(new RegExp(`^hoger in ${above} van ${compared} wijken, lager in ${compared - above}`));
        return { 2: expectedCell(index, GM, '', code), 3: expectedCell(index, 'ALLE', '', code), 4: undefined, 5: undefined, 6: undefined, 7: tovGroep };
      },
      Wijken: (v) => ({ 5: expectedCell(index, GM, v(1), names.get(v(4))!), 6: v(3) ? expectedCell(index, '', v(3), names.get(v(4))!) : undefined, 7: expectedCell(index, GM, '', names.get(v(4))!), 8: expectedCell(index, 'ALLE', '', names.get(v(4))!) }),
      'Leefdomeinen en pijlers': (v) => {
        const d = `${v(1)}=${v(2)}`;
        return { 3: expectedCell(index, GM, '', 'clienten', d), 4: expectedCell(index, 'ALLE', '', 'clienten', d), 5: expectedCell(index, GM, '', 'kosten', d), 6: expectedCell(index, 'ALLE', '', 'kosten', d) };
      },
      Stapeling: (v) => ({ 2: expectedCell(index, GM, '', 'stapeling', `pijler=${v(1)}`), 3: expectedCell(index, 'ALLE', '', 'stapeling', `pijler=${v(1)}`) }),
      Aanbieders: (v) => {
        const d = `productcode=${v(1)}|aanbieder=${v(2)}`;
        return { 3: expectedCell(index, GM, '', 'clienten', d), 4: expectedCell(index, GM, '', 'kosten', d), 5: expectedCell(index, GM, '', 'kosten_per_client', d) };
      },
      // No ijkperiode in this run: the ijkperiode's column and both changes stay empty.
      Trends: (v) => {
        const area = v(1) === naam ? [GM, ''] : v(1) === 'Alle gemeenten' ? ['ALLE', ''] : [GM, v(1).split(' ')[0]!];
        return { ...none, 4: expectedCell(index, area[0]!, area[1]!, names.get(v(2)) ?? v(2)) };
      },
      Gestandaardiseerd: (v) => {
        const wijk = v(1) === naam ? '' : v(1);
        const verwacht = expectedCell(index, GM, wijk, 'verwacht', v(3));
        const shown = (i: string) => (typeof verwacht === 'number' && verwacht < 5 && i.startsWith('sr') ? SR_NOT_SHOWN : expectedCell(index, GM, wijk, i, v(3)));
        return Object.fromEntries([['clienten', 4], ['verwacht', 5], ['sr', 6], ['sr_onder', 7], ['sr_boven', 8], ['sr_funnel95_onder', 9], ['sr_funnel95_boven', 10]].map(([i, c]) => [c, shown(i as string)]));
      },
    };
    let checked = 0;
    for (const [sheet, spec] of Object.entries(specs)) {
      const ws = workbook.getWorksheet(sheet)!;
      const width = ws.getRow(3).cellCount;
      let rows = 0;
      ws.eachRow((row, n) => {
        if (n <= 3 || row.cellCount < 2) return;
        rows++;
        const v = (c: number) => String(cellValue(row.getCell(c).value) ?? '');
        const expected = spec(v);
        for (let c = 1; c <= width; c++) {
          const actual = cellValue(row.getCell(c).value);
          if (c in expected) {
            checked++;
            expect(actual, `${sheet} rij ${n} kolom ${c}`).toEqual(expected[c]);
          } else expect(typeof actual === 'number', `${sheet} rij ${n} kolom ${c}: een getal buiten de waardekolommen`).toBe(false);
        }
      });
      expect(rows, sheet).toBeGreaterThan(0);
    }
    // The Data sheet is the release's rows of the gemeente, one for one and in order.
    const own = release.filter((r) => r.gemeente === GM);
    const data: unknown[][] = [];
    workbook.getWorksheet('Data')!.eachRow((row, n) => {
      if (n > 3 && row.cellCount === 7) data.push([1, 2, 3, 4, 5, 6, 7].map((c) => cellValue(row.getCell(c).value) ?? ''));
    });
    expect(data).toEqual(own.map((r) => [r.periode, r.gemeente, r.wijk, r.indicator, r.dimensie, r.status === 'onderdrukt' ? SUPPRESSED_MARK : r.waarde, r.status].map((x) => x ?? '')));
    expect(own.some((r) => r.status === 'onderdrukt')).toBe(true);
    expect(checked).toBeGreaterThan(200);
  });

  test('the charts plot release values only, a suppressed one as a gap; the workbook’s images are exactly those charts', async () => {
    const release = readReleaseCsv(result.release);
    const index = new Map(visibleRows(release).map((r) => [key(r.gemeente, r.wijk, r.indicator, r.dimensie), r]));
    const input = packInput(store.db, { periode: PACK_PERIODE, gemeente: GM, setting: { status: STATUS, toelichting: TOELICHTING }, aangemaakt: '2026-11-30T10:00:00Z', cbsJaar: 2024, release, ijk: noIjk([]) });
    const charts = packCharts(packTables(input));
    // An sr is drawn where it is published and shown (5 or more expected clients); the funnel needs two such points.
    const verwachtOf = (r: ReleaseRow) => index.get(key(GM, r.wijk, 'verwacht', r.dimensie));
    const shownSr = release.filter((r) => r.gemeente === GM && r.indicator === 'sr' && r.status === 'ok' && verwachtOf(r)?.status === 'ok' && verwachtOf(r)!.waarde! >= 5).length;
    expect(charts.map((c) => c.naam).sort()).toEqual(['pijlers', 'wijken', ...(shownSr > 0 ? ['sr'] : []), ...(shownSr > 1 ? ['trechter'] : [])].sort());
    const plotted = (r: ReleaseRow | undefined) => (r === undefined || r.status === 'onderdrukt' ? null : r.waarde);
    const wijkCode = new Map(input.wijken.map((w) => [w.naam, w.code]));
    for (const chart of charts) {
      const { labels, series } = chart.data;
      for (const s of series) expect(s.data.length, chart.naam).toBe(labels.length);
      if (chart.naam === 'wijken') expect(series[0]!.data).toEqual(labels.map((l) => plotted(index.get(key(GM, wijkCode.get(l)!, 'clienten', '')))));
      if (chart.naam === 'pijlers') expect(series[0]!.data).toEqual(labels.map((l) => plotted(index.get(key(GM, '', 'clienten', `pijler=${l}`)))));
      if (chart.naam === 'trechter') {
        const values = new Set(release.filter((r) => r.gemeente === GM && (r.indicator.startsWith('sr') || r.indicator === 'verwacht') && r.status === 'ok').map((r) => r.waarde));
        for (const s of series) for (const d of s.data) expect(d !== null && values.has(d), `trechter ${s.name}: ${d}`).toBe(true);
      }
      if (chart.naam === 'sr') {
        const values = new Set(release.filter((r) => r.gemeente === GM && r.indicator.startsWith('sr') && r.status === 'ok').map((r) => r.waarde));
        for (const s of series) for (const d of s.data) expect(d === null || values.has(d), `sr ${s.name}: ${d}`).toBe(true);
      }
    }
    // The small wijk is suppressed: a gap in the chart, not a bar.
    expect(charts.find((c) => c.naam === 'wijken')!.data.series[0]!.data[charts.find((c) => c.naam === 'wijken')!.data.labels.indexOf('Buitengebied')]).toBeNull();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, `${GM}_2026Q2_pakket.xlsx`));
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const images = workbook.worksheets.flatMap((ws) => ws.getImages().map((i) => [ws.name, sha(workbook.getImage(Number(i.imageId)).buffer as unknown as Uint8Array)]));
    const sheetOf: Record<string, string> = { wijken: 'Wijken', pijlers: 'Leefdomeinen en pijlers', sr: 'Gestandaardiseerd', trechter: 'Gestandaardiseerd' };
    expect(images.sort()).toEqual(charts.map((c) => [sheetOf[c.naam]!, sha(c.png)]).sort());
  });

  test('the verrijkte dataset, CSV and Parquet: the release rows of the gemeente one for one, the CBS columns the catalogue’s', async () => {
    const own = readReleaseCsv(result.release).filter((r) => r.gemeente === GM);
    const csvFile = path.join(out, `${GM}_2026Q2_dataset.csv`);
    const csv = Papa.parse<Record<string, string>>(readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const fields = (r: Record<string, unknown>) => [r.periode, r.gemeente, r.wijk, r.indicator, r.dimensie, r.waarde === '' || r.waarde === null ? null : Number(r.waarde), r.status];
    const expected = own.map((r) => [r.periode, r.gemeente, r.wijk, r.indicator, r.dimensie, r.waarde, r.status]);
    expect(csv.map(fields)).toEqual(expected);
    const parquet = path.join(out, `${GM}_2026Q2_dataset.parquet`);
    const rows = await withScopedDuckDb(store.dataDir, {}, async (c) => (await c.runAndReadAll(`SELECT * FROM read_parquet('${parquet}')`)).getRowObjectsJS());
    expect(rows.map((r) => fields({ ...r, wijk: r.wijk ?? '', dimensie: r.dimensie ?? '' })).map((r) => JSON.stringify(r)).sort()).toEqual(expected.map((r) => JSON.stringify(r)).sort());
    // Every row says the pack's status and toelichting; every cbs_ value is the CBS catalogue's own.
    const cbs = store.db.prepare('SELECT kenmerk, waarde FROM cbs_kenmerk WHERE jaar = 2024 AND code = ?');
    for (const [i, r] of csv.entries()) {
      expect([r.pakketstatus, r.toelichting, rows[i]!.pakketstatus, rows[i]!.toelichting]).toEqual([STATUS, TOELICHTING, STATUS, TOELICHTING]);
      const profiel = r.wijk ? Object.fromEntries((cbs.all(r.wijk) as { kenmerk: string; waarde: number }[]).map((k) => [`cbs_${k.kenmerk}`, k.waarde])) : {};
      for (const [column, text] of Object.entries(r).filter(([c]) => c.startsWith('cbs_'))) expect(text === '' ? undefined : Number(text), `${r.wijk} ${column}`).toBe(profiel[column]);
    }
    expect(csv.some((r) => r.cbs_inwoners === '3000')).toBe(true);
  });

  test('the benchmark file: exactly the gemeente’s, its groups’ and ALLE’s release rows, with status and toelichting', async () => {
    const files = await deliveryFiles(path.join(out, `${GM}_2026Q2_benchmark.zip`));
    const manifest = JSON.parse(files.get('benchmark.json')!) as Record<string, unknown>;
    expect(manifest).toMatchObject({ formaat: 'wijkmonitor-benchmark', versie: 1, periode: PACK_PERIODE, gemeentecode: GM, status: STATUS, toelichting: TOELICHTING, aangemaakt: '2026-11-30T10:00:00.000Z' });
    expect(parseReleaseCsv(files.get('cijfers.csv')!, 'cijfers.csv')).toEqual(visibleRows(readReleaseCsv(result.release)));
    expect(files.get('cijfers.csv')).not.toContain('GM9902');
  });

  test('the workbook: contents sheet, frozen header, filter, fitted widths, Excel number formats, the mark’s footnote', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, `${GM}_2026Q2_pakket.xlsx`));
    const inhoud = new Map<string, string>();
    workbook.getWorksheet('Inhoud')!.eachRow((row) => inhoud.set(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')));
    expect(inhoud.get('Wat')).toBe('Kwartaalpakket Wijkmonitor voor Testgemeente 9901 (GM9901)');
    expect(inhoud.get('Periode')).toBe(PACK_PERIODE);
    expect(inhoud.get('Status')).toBe(STATUS);
    expect(inhoud.get('Centrale release van')).toBe('30 november 2026');
    expect(inhoud.get('Toelichting')).toBe(TOELICHTING);
    expect(inhoud.get('Bron')).toContain('Bron: CBS');
    // Without an ijkperiode the headings say so once, not "ijkperiode ijkperiode".
    expect(workbook.getWorksheet('Samenvatting')!.getRow(3).getCell(5).value).toBe('Verandering t.o.v. ijkperiode');
    expect(workbook.getWorksheet('Trends')!.getRow(1).getCell(1).value).toBe(`${PACK_PERIODE} t.o.v. ijkperiode: cliënten, kosten en cijfers per inwoner`);
    // ExcelJS leaves out a width of 9 (its default); Excel then shows its own default of 8.43 characters.
    const EXCEL_DEFAULT_WIDTH = 8.43;
    const formats = new Set(['#,##0', '€ #,##0.00', '#,##0.00', '0.0']);
    for (const ws of workbook.worksheets.filter((w) => w.name !== 'Inhoud')) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 3 });
      const columns = ws.getRow(3).cellCount;
      expect(ws.autoFilter, ws.name).toMatch(new RegExp(`^A3:${String.fromCharCode(64 + columns)}\\d+$`));
      let marks = 0;
      ws.eachRow((row, n) => {
        if (n <= 3) return;
        row.eachCell((cell, c) => {
          if (typeof cell.value === 'number') expect(formats.has(cell.numFmt), `${ws.name} ${cell.address}: ${cell.numFmt}`).toBe(true);
          if (cell.value === SUPPRESSED_MARK) marks++;
          // A column is at least as wide as what it holds (the long explanation rows below the table aside).
          if (row.cellCount > 1 && (typeof cell.value === 'number' || typeof cell.value === 'string')) expect((ws.getColumn(c).width ?? EXCEL_DEFAULT_WIDTH) + 0.5, `${ws.name} ${cell.address}`).toBeGreaterThanOrEqual(Math.min(60, String(cell.value).length));
        });
      });
      const notes = ws.getSheetValues().filter((r) => Array.isArray(r) && r[1] === SUPPRESSED_NOTE).length;
      expect([ws.name, notes]).toEqual([ws.name, marks > 0 ? 1 : 0]);
    }
    expect(workbook.getWorksheet('Wijken')!.getSheetValues().some((r) => Array.isArray(r) && r.includes(SUPPRESSED_MARK))).toBe(true);
  });

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
    expect(info).toMatch(new RegExp(`Wijkmonitor · definitief · centrale release van 30 november 2026\\s+pagina 1 van ${expected}`));
    expect(info).toMatch(new RegExp(`pagina ${expected} van ${expected}`));
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    // The workbook's content as pages: every section's title, and the charts as images.
    const tables = reportSections(packTables(input));
    const text = info.replace(/\s+/g, ' ');
    for (const t of tables) expect(text, t.sheet).toContain(t.titel.replace(/\s+/g, ' '));
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBe(packCharts(packTables(input)).length);
  }, 120_000);

  test('a gemeente whose pack fails half-way leaves no file of it; the next gemeente gets its whole pack', async () => {
    const real = await chromiumPdfPrinter();
    let calls = 0;
    // The first report fails after its workbook is written (as a crashed browser would).
    const printer = { print: (html: string, options: { footer: string }) => (++calls === 1 ? Promise.reject(new Error('browser gestopt')) : real.print(html, options)), close: () => real.close() };
    const dir = tempDir('wm-pakketten-fout-');
    try {
      const run = await withScopedDuckDb(store.dataDir, {}, (c) => writePacks(store, c, { periode: PACK_PERIODE, out: dir, pijlerVolgorde: ['WMO', 'JW'], printer }));
      expect(run.gemeenten.map((g) => [g.gemeente, g.ok])).toEqual([['GM9901', false], ['GM9902', true]]);
      expect(run.gemeenten[0]).toMatchObject({ fout: expect.stringMatching(/^Er ging intern iets mis\./) });
      expect(readdirSync(dir).sort()).toEqual(['benchmark.zip', 'dataset.csv', 'dataset.parquet', 'pakket.xlsx', 'rapportage.pdf'].map((f) => `GM9902_2026Q2_${f}`));
    } finally {
      await printer.close();
    }
  }, 240_000);

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
