import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { records, writeTestDelivery } from '../core/central/centralTestKit.ts';
import { deliveryFiles } from '../core/delivery/deliveryTestKit.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

const cli = (args: string[]) => runCli(args, { env: { WIJKMONITOR_DATA: tempDir() } });

describe('wijkmonitor central pack --ijkperiode, --status, --toelichting', () => {
  test('a wrong ijkperiode, status or toelichting file is exit 2 before anything is made; status and toelichting in every file; the choices are stored', { timeout: 300_000 }, async () => {
    const db = path.join(tempDir('wm-analist-'), 'analist');
    const q3 = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q3', records: records(30), dir: tempDir() });
    expect(cli(['central', 'import', '--db', db, q3]).code).toBe(0);
    expect(cli(['central', 'approve', '--db', db, '--gemeente', 'GM9901', '--period', '2026Q3', '--door', 'test']).code).toBe(0);
    const out = tempDir('wm-pakketten-');

    const later = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--ijkperiode', '2026Q4', '--out', out]);
    expect([later.code, later.stderr]).toEqual([2, expect.stringContaining('De ijkperiode 2026Q4 moet vóór 2026Q3 liggen.')]);
    const year = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--ijkperiode', '2025', '--out', out]);
    expect([year.code, year.stderr]).toEqual([2, expect.stringContaining('niet even lang')]);
    expect(readdirSync(out)).toEqual([]);

    // --status and --toelichting FILE: checked before anything is made, then in every file of the pack.
    const wrongStatus = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--status', 'concept', '--out', out]);
    expect([wrongStatus.code, wrongStatus.stderr]).toEqual([2, expect.stringContaining('--status concept kan niet: kies voorlopig of definitief.')]);
    const missing = path.join(tempDir(), 'toelichting.txt');
    const unreadable = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--toelichting', missing, '--out', out]);
    expect([unreadable.code, unreadable.stderr]).toEqual([2, expect.stringContaining(`${missing}: het bestand met de toelichting is niet te lezen.`)]);
    expect(readdirSync(out)).toEqual([]);
    const toelichting = path.join(tempDir(), 'toelichting.txt');
    writeFileSync(toelichting, '\uFEFFWijk Centrum: nieuwe aanbieder sinds juli.\n');

    const none = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--ijkperiode', 'geen', '--status', 'definitief', '--toelichting', toelichting, '--out', out]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('GM9901 (definitief, geen ijkperiode): GM9901_2026Q3_pakket.xlsx');
    const inhoud = new Map<string, string>();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'GM9901_2026Q3_pakket.xlsx'));
    workbook.getWorksheet('Inhoud')!.eachRow((row) => inhoud.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect([inhoud.get('Status'), inhoud.get('Toelichting')]).toEqual(['definitief', 'Wijk Centrum: nieuwe aanbieder sinds juli.']);
    const manifest = JSON.parse((await deliveryFiles(path.join(out, 'GM9901_2026Q3_benchmark.zip'))).get('benchmark.json')!) as { status: string; toelichting: string };
    expect([manifest.status, manifest.toelichting]).toEqual(['definitief', 'Wijk Centrum: nieuwe aanbieder sinds juli.']);
    const pdf = execFileSync('pdftotext', [path.join(out, 'GM9901_2026Q3_rapportage.pdf'), '-'], { encoding: 'utf8' });
    expect(pdf).toContain('Wijk Centrum: nieuwe aanbieder sinds juli.');
    expect(pdf).toContain('Wijkmonitor · definitief');
    expect(readFileSync(path.join(out, 'GM9901_2026Q3_dataset.csv'), 'utf8').split('\r\n')[1]).toContain(';definitief;Wijk Centrum: nieuwe aanbieder sinds juli.;');
    expect(none.stdout).toContain('Geen ijkperiode: voor deze release is gekozen niet met een eerdere periode te vergelijken.');
    // Stored for the release: the next pack without the option keeps it.
    const kept = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--out', tempDir()]);
    expect([kept.code, kept.stdout]).toEqual([0, expect.stringContaining('GM9901 (definitief, geen ijkperiode)')]);
  });
});
