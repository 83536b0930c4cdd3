import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ProgressEvent } from '../../shared/api.ts';
import { openTestCore, type TestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { rec, records, writeTestDelivery } from './centralTestKit.ts';
import { statusCsv, statusTable } from './status/deliveryStatus.ts';
import { NOT_SUPPRESSED } from './feedback/feedbackWorkbook.ts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.core.close()));
async function core() {
  const c = await openTestCore(tempDir('wm-central-core-'));
  cores.push(c);
  return c;
}

async function importFiles(c: TestCore, files: string[]) {
  c.dialogs.queueOpen(files);
  return c.call('central.import', { jobId: `job-${Math.random()}` });
}

describe('analyst intake through the core', () => {
  test('import reports per file and progress per file; status lists every version with approval', async () => {
    const c = await core();
    const events: ProgressEvent[] = [];
    c.core.onProgress((e) => events.push(e));
    const v1 = await writeTestDelivery({ gemeente: 'GM9901', naam: 'Testgemeente Een', periode: '2026Q3', records: records(3), dir: tempDir() });
    const v2 = await writeTestDelivery({ gemeente: 'GM9901', naam: 'Testgemeente Een', periode: '2026Q3', records: records(4), aangemaakt: '2026-11-01T09:00:00.000Z', dir: tempDir() });
    const bad = await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q3', records: records(2), tamper: (csv) => csv.replace('WMO', 'JW') });
    const lines = await importFiles(c, [v1, bad]);
    expect(lines.map((l) => l.uitkomst)).toEqual(['nieuw', 'geweigerd']);
    expect(events.filter((e) => e.phase.endsWith('controleren')).map((e) => [e.done, e.total])).toEqual([[0, 2], [1, 2]]);

    const approval = await c.call('central.approve', { gemeente: 'GM9901', periode: '2026Q3', door: 'J. Jansen' });
    expect(approval).toMatchObject({ gemeente: 'GM9901', periode: '2026Q3', versie: 1, door: 'J. Jansen' });
    let status = await c.call('central.status');
    expect(status.find((r) => r.gemeente === 'GM9901')!.akkoord).toBe(approval.op.slice(0, 10));

    // A later version voids the akkoord: it belongs to the version it was given for.
    expect((await importFiles(c, [v2]))[0]).toMatchObject({ uitkomst: 'vervangt', vervangt: 1, versie: 2 });
    status = await c.call('central.status');
    const csv = statusCsv(status).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toBe('gemeente;gemeentenaam;periode;versie;rijen;ontvangen;status;sleutel_gewijzigd;akkoord');
    const cols = (line: string) => line.split(';');
    expect(csv.slice(1).map((l) => [cols(l)[0], cols(l)[1], cols(l)[2], cols(l)[3], cols(l)[4], cols(l)[6], cols(l)[7], cols(l)[8]])).toEqual([
      ['GM9901', 'Testgemeente Een', '2026Q3', '1', '3', 'vervangen', 'nee', approval.op.slice(0, 10)],
      ['GM9901', 'Testgemeente Een', '2026Q3', '2', '4', 'actueel', 'nee', ''],
      ['GM9902', 'Testgemeente GM9902', '2026Q3', '', '', 'geweigerd', 'nee', ''],
    ]);
    expect(cols(csv[1]!)[5]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const table = statusTable(status);
    expect(table.split('\n')[0]).toMatch(/^gemeente\s+gemeentenaam\s+periode\s+versie\s+rijen\s+ontvangen\s+status\s+sleutel_gewijzigd\s+akkoord\s+bestand$/);
    expect(table).toContain(`Geweigerd: ${path.basename(bad)}`);
    const grid = table.slice(table.indexOf('Actuele versie per gemeente en periode:')).split('\n');
    expect(grid.slice(1, 4).map((l) => l.split(/\s{2,}/))).toEqual([['gemeente', '2026Q3'], ['GM9901', 'v2'], ['GM9902', 'geweigerd']]);

    await expect(c.call('central.approve', { gemeente: 'GM9902', periode: '2026Q3', door: 'X' })).rejects.toThrow('geen geaccepteerde levering van GM9902');
    const again = await c.call('central.approve', { gemeente: 'GM9901', periode: '2026Q3', door: 'J. Jansen' });
    expect(again.versie).toBe(2);
  });

  test('cancelling the import job leaves no row for the file being read', async () => {
    const c = await core();
    const big = await writeTestDelivery({ periode: '2026Q3', records: records(60_000) });
    c.core.onProgress((e) => {
      if (e.phase.endsWith('inlezen')) void c.call('jobs.cancel', { id: 'groot' });
    });
    c.dialogs.queueOpen([big]);
    const response = await c.core.call('central.import', { jobId: 'groot' });
    expect(response).toMatchObject({ ok: false, error: { code: 'GEANNULEERD' } });
    expect(await c.call('central.status')).toEqual([]);
  });

  test('no files chosen: nothing happens', async () => {
    const c = await core();
    expect(await c.call('central.import', { jobId: 'leeg' })).toEqual([]);
  });
});

async function readWorkbook(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets = new Map<string, (string | number | null)[][]>();
  workbook.eachSheet((ws) => {
    const rows: (string | number | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as (string | number | null)[]).slice(1)));
    sheets.set(ws.name, rows);
  });
  return sheets;
}

function insertPopulation(c: TestCore, inwoners: Record<string, number>) {
  // The tables `central reference` fills (migration 2), written here as it would leave them.
  return c.core.call('central.status', {}).then(async () => {
    const { openCentralStore } = await import('./store/centralStore.ts');
    const store = await openCentralStore(c.dataDir);
    try {
      const id = store.db.prepare("INSERT INTO referentie_import (soort, jaar, bestand, sha256, rijen, ingelezen) VALUES ('cbs_kwb', 2026, 'kwb.csv', 'x', 1, '2026-11-01')").run().lastInsertRowid;
      for (const [code, n] of Object.entries(inwoners)) {
        store.db.prepare("INSERT INTO cbs_regio (import_id, jaar, code, soort, naam, gemeente) VALUES (?, 2026, ?, ?, ?, ?)").run(id, code, code.startsWith('GM') ? 'gemeente' : 'wijk', code, code.startsWith('GM') ? null : 'GM9901');
        store.db.prepare("INSERT INTO cbs_kenmerk (jaar, code, kenmerk, waarde) VALUES (2026, ?, 'inwoners', ?)").run(code, n);
      }
    } finally {
      store.close();
    }
  });
}

describe('plausibility feedback', () => {
  test('the workbook compares with the previous period and other gemeenten, lists findings with severity, and says nothing is suppressed', async () => {
    const c = await core();
    const q2 = [...records(40, { pijler: 'WMO', productcode: 'P1', wijk: 'WK990101', kosten: 100 }), ...records(10, { pijler: 'JW', productcode: 'J1', product: 'Jeugdhulp', voorziening: 'JW-45', wijk: 'WK990102' }, 'b')];
    const q3 = [...records(20, { pijler: 'WMO', productcode: 'P1', wijk: 'WK990101', kosten: 100 })];
    const other = records(30, { pijler: 'WMO', productcode: 'X9', wijk: 'WK990201', kosten: 50 }, 'c');
    await importFiles(c, [
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', records: q2, sleutel: '1111111111111111', dir: tempDir() }),
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q3', records: q3, sleutel: '2222222222222222', dir: tempDir(), kwaliteit: { rijen_ingelezen: 20, postcode_onbekend: 5, rijen_gelezen: 20, bsn_ongeldig: 0 }, kwaliteitRegels: [['kosten', 'vulgraad', 8, 20]] }),
      await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q3', records: other, dir: tempDir() }),
    ]);

    const withoutCbs = path.join(tempDir(), 'zonder.xlsx');
    c.dialogs.queueSave(withoutCbs);
    const first = await c.call('central.feedback', { gemeente: 'GM9901', periode: '2026Q3' });
    expect(first).toMatchObject({ saved: true, path: withoutCbs });
    const plain = await readWorkbook(withoutCbs);
    expect(plain.get('Bevindingen')!.some((r) => r[0] === 'info' && String(r[2]).includes('geen CBS-inwonertallen'))).toBe(true);

    await insertPopulation(c, { GM9901: 10_000, GM9902: 30_000, WK990101: 4000 });
    const out = path.join(tempDir(), 'terugkoppeling.xlsx');
    c.dialogs.queueSave(out);
    const result = await c.call('central.feedback', { gemeente: 'GM9901', periode: '2026Q3' });
    expect(result.saved).toBe(true);
    const sheets = await readWorkbook(out);
    expect([...sheets.keys()]).toEqual(['Toelichting', 'Bevindingen', 'Pijlers', 'Producten', 'Wijken', 'Kwaliteit']);
    for (const rows of sheets.values()) expect(rows[1]![0]).toBe(NOT_SUPPRESSED);

    const pijlers = sheets.get('Pijlers')!;
    const head = pijlers[3]!;
    const row = (code: string) => Object.fromEntries(head.map((h, i) => [String(h), pijlers.find((r) => r[0] === code)![i] ?? null]));
    const wmo = row('WMO');
    expect(wmo).toMatchObject({ Pijler: 'WMO', Cliënten: 20, Voorzieningen: 20, 'Kosten (€)': 2000, 'Cliënten 2026Q2': 40, 'Verschil cliënten': -20, 'Verschil cliënten %': -0.5, 'Kosten 2026Q2 (€)': 4000, Inwoners: 10_000 });
    expect(wmo['Cliënten per 1.000 inwoners']).toBe(2);
    expect(wmo['Cliënten per 1.000: andere gemeenten (zelfde pijler)']).toBe(1);
    expect(wmo['Kosten per inwoner (€)']).toBe(0.2);
    expect(wmo['Kosten per inwoner (€): andere gemeenten (zelfde pijler)']).toBe(0.05);
    expect(row('JW')).toMatchObject({ Cliënten: 0, 'Cliënten 2026Q2': 10 });

    const findings = sheets.get('Bevindingen')!.slice(4);
    const has = (ernst: string, text: string) => findings.some((r) => r[0] === ernst && String(r[2]).includes(text));
    expect(has('fout', 'Het aantal cliënten in pijler WMO is gedaald met 50 % (−20) ten opzichte van 2026Q2')).toBe(true);
    expect(has('fout', 'Pijler JW had in 2026Q2 10 cliënt(en) en komt in deze levering niet meer voor')).toBe(true);
    expect(has('waarschuwing', 'De sleutel van deze levering verschilt')).toBe(true);
    expect(has('fout', 'Van de ingelezen voorzieningen heeft 25 % (5) geen bekende wijk')).toBe(true);
    expect(has('fout', 'Het gegeven kosten is maar voor 40 % ingevuld')).toBe(true);
    expect(has('waarschuwing', 'In pijler WMO zijn er 2 cliënten per 1.000 inwoners tegen 1 bij de andere gemeenten samen (2 keer zo veel)')).toBe(true);
    expect(has('waarschuwing', 'In pijler WMO zijn de kosten 0,20 euro per inwoner tegen 0,05 euro bij de andere gemeenten samen (4 keer zo veel)')).toBe(true);
    expect(has('info', 'geen CBS')).toBe(false);
    // Ordered by severity.
    const order = findings.map((r) => ['fout', 'waarschuwing', 'info'].indexOf(String(r[0])));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(result).toMatchObject({ bevindingen: { fout: findings.filter((r) => r[0] === 'fout').length } });

    const wijken = sheets.get('Wijken')!;
    expect(wijken.find((r) => r[0] === 'WK990101')!.slice(0, 3)).toEqual(['WK990101', 20, 20]);
    expect(sheets.get('Kwaliteit')!.some((r) => r[0] === 'kosten' && r[1] === 'vulgraad' && r[4] === 40)).toBe(true);
    expect(sheets.get('Toelichting')!.some((r) => String(r[1]).includes('CBS Kerncijfers wijken en buurten 2026'))).toBe(true);
    // Every list sheet keeps its header in view and has filter buttons over its rows (not the notes below).
    const layout = new ExcelJS.Workbook();
    await layout.xlsx.readFile(out);
    const pijlerSheet = layout.getWorksheet('Pijlers')!;
    expect(pijlerSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const blank = pijlers.findIndex((r, i) => i > 3 && r.every((v) => v === null || v === undefined));
    expect(pijlerSheet.autoFilter).toMatch(new RegExp(`^A4:[A-Z]+${blank}$`));
    expect(layout.getWorksheet('Bevindingen')!.autoFilter).toBe(`A4:C${4 + findings.length}`);
    expect(sheets.get('Toelichting')!.find((r) => r[0] === 'Wijk onbekend')![1]).toBe('25 % van de ingelezen voorzieningen (5 van 20): postcode niet in de gebiedsindeling.');
  });

  test('feedback for a gemeente without a delivery in the period is refused', async () => {
    const c = await core();
    await importFiles(c, [await writeTestDelivery({ periode: '2026Q3', records: [rec({ client: 'c1' })] })]);
    await expect(c.call('central.feedback', { gemeente: 'GM9905', periode: '2026Q3' })).rejects.toThrow('geen geaccepteerde levering van GM9905');
    expect(c.dialogs.asked.filter((a) => a.kind === 'save')).toEqual([]);
  });
});
