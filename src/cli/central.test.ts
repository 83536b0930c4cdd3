import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { records, writeTestDelivery } from '../core/central/centralTestKit.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';


const cli = (args: string[]) => runCli(args, { env: { WIJKMONITOR_DATA: tempDir() } });

describe('wijkmonitor central', () => {
  test('import, status, feedback and approve with the contract exit codes', async () => {
    const db = path.join(tempDir('wm-analist-'), 'analist');
    const q2 = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', records: records(30), dir: tempDir() });
    const q3 = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q3', records: records(25), dir: tempDir() });
    const q3b = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q3', records: records(26), aangemaakt: '2026-11-02T08:00:00.000Z', dir: tempDir() });
    const bad = await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q3', records: records(3), tamper: (csv) => csv.replace('WMO', 'JW') });

    const first = cli(['central', 'import', '--db', db, q2, q3]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual([
      `${path.basename(q2)}: nieuw (GM9901 2026Q2, versie 1, 30 rijen)`,
      `${path.basename(q3)}: nieuw (GM9901 2026Q3, versie 1, 25 rijen)`,
    ]);
    const again = cli(['central', 'import', '--db', db, q3]);
    expect([again.code, again.stdout.trim()]).toEqual([0, `${path.basename(q3)}: al aanwezig (GM9901 2026Q3, versie 1)`]);
    const mixed = cli(['central', 'import', '--db', db, bad, q3b]);
    expect(mixed.code).toBe(1);
    const [refused, replaced] = mixed.stdout.trim().split('\n');
    expect(refused).toMatch(new RegExp(`^${path.basename(bad)}: geweigerd: .*controlesom`));
    expect(replaced).toBe(`${path.basename(q3b)}: vervangt v1 (GM9901 2026Q3, versie 2, 26 rijen)`);

    const approve = cli(['central', 'approve', '--db', db, '--gemeente', 'GM9901', '--period', '2026Q3', '--door', 'A. de Vries']);
    expect(approve.code).toBe(0);
    expect(approve.stdout).toContain('Akkoord vastgelegd: GM9901 2026Q3 versie 2, door A. de Vries');
    const csv = cli(['central', 'status', '--db', db, '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('gemeente;gemeentenaam;periode;versie;rijen;ontvangen;status;sleutel_gewijzigd;akkoord');
    expect(lines.slice(1).map((l) => l.split(';').filter((_, i) => i !== 5).join(';'))).toEqual([
      'GM9901;Testgemeente GM9901;2026Q2;1;30;actueel;nee;',
      'GM9901;Testgemeente GM9901;2026Q3;1;25;vervangen;nee;',
      `GM9901;Testgemeente GM9901;2026Q3;2;26;actueel;nee;${new Date().toISOString().slice(0, 10)}`,
      'GM9902;Testgemeente GM9902;2026Q3;;;geweigerd;nee;',
    ]);
    const text = cli(['central', 'status', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/GM9901\s+Testgemeente GM9901\s+2026Q3\s+2\s+26\s/);

    const out = path.join(tempDir(), 'GM9901_2026Q3_terugkoppeling.xlsx');
    const feedback = cli(['central', 'feedback', '--db', db, '--gemeente', 'GM9901', '--period', '2026Q3', '--out', out]);
    expect(feedback.code).toBe(0);
    expect(feedback.stdout).toContain('Terugkoppeling geschreven');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('Pijlers')!.getRow(5).values).toEqual(expect.arrayContaining(['WMO', 26, 26]));

    const figures = path.join(tempDir(), 'cijfers.csv');
    const published = cli(['central', 'export', '--db', db, '--period', '2026Q3', '--out', figures]);
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/Onderdrukt: \d+ cellen primair/);
    expect(readFileSync(figures, 'utf8')).toMatch(/\r\n2026Q3;GM9901;;clienten;;26;ok\r\n/);
    expect(readFileSync(path.join(path.dirname(figures), 'audit.csv'), 'utf8')).toContain('periode;gemeente;wijk;indicator;dimensie;soort;ondergrens;bovengrens');
    const exported = cli(['central', 'export', '--db', db, '--period', '2026Q3', '--out', figures, '--intern']);
    expect(exported.code).toBe(0);
    const written = readFileSync(figures.replace(/\.csv$/, '-intern.csv'), 'utf8');
    expect(written).toContain('\r\n2026Q3;GM9901;;clienten;;');
    expect(exported.stdout).toContain('Niet voor publicatie');
  });

  // The demo runs the whole chain up to the packs, disclosure control included: minutes on a loaded machine.
  test('demo ends with the analyst chain: intake of every fixture delivery, the status matrix, feedback per gemeente', { timeout: 900_000 }, () => {
    const out = tempDir('wm-demo-');
    const demo = cli(['demo', '--out', out, '--rows', '40']);
    expect(demo.code).toBe(0);
    const intake = demo.stdout.split('\n').filter((l) => /^GM\d{4}_2026Q[23]_levering\.zip: /.test(l));
    expect(intake.length).toBeGreaterThanOrEqual(4);
    expect(intake.every((l) => l.includes(': nieuw ('))).toBe(true);
    expect(demo.stdout).toContain('Actuele versie per gemeente en periode:');
    expect(demo.stdout).toMatch(/GM9901\s+v1\s+v1/);
    const [run] = readdirSync(out);
    const feedback = readdirSync(path.join(out, run!, 'analist', 'terugkoppeling'));
    expect(feedback).toContain('GM9901_2026Q3_terugkoppeling.xlsx');
    // The national CBS file and the fixtures' one of the same year combine: groups over the whole country, the fixture wijken in them.
    expect(demo.stdout).toContain('CBS Kerncijfers ingelezen: kwb2024_85984NED_statline-export_NL.csv (18310 regio\'s, 342 gemeenten)');
    expect(demo.stdout).toContain('Voegt 3 gemeenten toe aan 2024 (GM9901, GM9902, GM9903).');
    expect(demo.stdout).toMatch(/Referentiegroepen: \d+ groepen over \d\.\d{3} wijken in 345 gemeenten/);
    // Both quarters published; the packs of the second compare with the first (the default ijkperiode).
    expect(demo.stdout).toMatch(/Publicatie 2026Q2 \(\d+ cellen primair, \d+ secundair onderdrukt\)/);
    expect(demo.stdout).toMatch(/Pakket GM9903 \(t\.o\.v\. ijkperiode 2026Q2\): GM9903_2026Q3_pakket\.xlsx/);
    expect(readdirSync(path.join(out, run!, 'analist', 'publicaties')).filter((f) => f.endsWith('.publicatie.json')).sort()).toEqual(['2026Q2.publicatie.json', '2026Q3.publicatie.json']);
    expect(demo.stdout).toMatch(/Tijd per stap \(wandklok\):\n\s+[\d,]+ s {2}gemeente-editie/);
    const groepen = readFileSync(path.join(out, run!, 'analist', 'referentiegroepen.csv'), 'utf8').split(/\r?\n/);
    const header = groepen[0]!.replace(/^\uFEFF/, '').split(';');
    const rows = groepen.slice(1).map((l) => Object.fromEntries(l.split(';').map((cell, i) => [header[i], cell])));
    const fixtureWijken = rows.filter((r) => /^WK99\d{4}$/.test(r.wijk ?? ''));
    expect(fixtureWijken.length).toBeGreaterThanOrEqual(20);
    expect(fixtureWijken.every((r) => /^GM99\d\d$/.test(r.gemeente ?? '') && /^RG\d\d$/.test(r.referentiegroep ?? ''))).toBe(true);
  });

  test('bad input is exit 2 with a Dutch message and nothing created', async () => {
    const db = path.join(tempDir('wm-analist-'), 'leeg');
    const noDb = cli(['central', 'import', 'x.zip']);
    expect([noDb.code, noDb.stderr]).toEqual([2, expect.stringContaining('--db')]);
    const missing = cli(['central', 'import', '--db', db, path.join(tempDir(), 'bestaat-niet.zip')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('bestaat-niet.zip bestaat niet')]);
    const status = cli(['central', 'status', '--db', path.join(tempDir(), 'nergens')]);
    expect([status.code, status.stderr]).toEqual([2, expect.stringContaining('bevat geen analist-opslag')]);
    const unknown = cli(['central', 'onzin']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('central import --db')]);
    const approve = cli(['central', 'approve', '--db', db, '--gemeente', 'GM9901', '--period', '2026Q3']);
    expect(approve.code).toBe(2);
    expect(approve.stderr).toContain('geen geaccepteerde levering van GM9901 over 2026Q3');
    expect(existsSync(path.join(db, 'records')) ? readdirSync(path.join(db, 'records')) : []).toEqual([]);
  });
});
