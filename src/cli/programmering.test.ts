import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, test } from 'vitest';
import { fixtureSet, type FixtureSet } from '../core/testing/fixtureSet.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

const env = { WIJKMONITOR_PASSPHRASE: 'lange testwachtwoordzin' };
const cli = (args: string[]) => runCli(args, { env });
const HEADER = 'jaar;pijler;productcode;aanbieder;wijk;clienten;kosten;aandeel';

let fixtures: FixtureSet;
let work: string;
let delivery: string;

beforeAll(async () => {
  fixtures = await fixtureSet();
  work = tempDir('wm-cli-programmering-');
  const key = path.join(work, 'GM9903.wmkey');
  expect(cli(['key', 'create', '--out', key]).code).toBe(0);
  delivery = path.join(work, 'GM9903_2026Q3_levering.zip');
  const args = ['deliver', '--key', key, '--gemeente', 'GM9903', '--period', '2026Q3', '--products', fixtures.products('GM9903'), '--areas', fixtures.areas('GM9903')];
  expect(cli([...args, '--data', path.join(work, 'data'), '--out', delivery, fixtures.export('GM9903', '2026Q3')]).code).toBe(0);
}, 120_000);

const figures = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;

describe('figures --programmering', () => {
  test('the five programmering indicators beside the others, from a Dutch spreadsheet’s CSV', () => {
    const plan = path.join(work, 'programmering.csv');
    writeFileSync(plan, `${HEADER}\n2026;WMO;;;;"1.000";"2.000.000,00";\n2027;WMO;;;;900;;\n`);
    const out = path.join(work, 'cijfers.csv');
    const result = cli(['figures', '--period', '2026Q3', '--programmering', plan, '--out', out, delivery]);
    expect(result.code).toBe(0);
    const rows = figures(out);
    const wmo = (indicator: string) => rows.filter((r) => r.gemeente === 'GM9903' && r.wijk === '' && r.dimensie === 'pijler=WMO' && r.indicator === indicator).map((r) => Number(r.waarde));
    expect(wmo('streef_clienten')).toEqual([1000]);
    expect(wmo('streef_kosten')).toEqual([2_000_000]);
    // Only 2026Q3 of the year is given: realisation and projection rest on its 92 days.
    const [kosten] = wmo('kosten');
    expect(wmo('realisatie_kosten_pct')).toEqual([Math.round((kosten! / 2_000_000) * 100 * 100) / 100]);
    expect(wmo('prognose_kosten')[0]).toBeCloseTo((kosten! * 365) / 92, 1);
    expect(wmo('realisatie_clienten_pct')).toHaveLength(1);
    // 2027's targets are not compared with 2026.
    expect(rows.filter((r) => r.indicator === 'streef_clienten').map((r) => r.waarde)).toEqual(['1000']);
  }, 120_000);

  test('a file without the period’s year, or with a wrong value, exits 2 in Dutch and writes nothing', () => {
    const out = path.join(work, 'niet.csv');
    const later = path.join(work, 'programmering-2027.csv');
    writeFileSync(later, `${HEADER}\n2027;WMO;;;;900;;\n`);
    const noYear = cli(['figures', '--period', '2026Q3', '--programmering', later, '--out', out, delivery]);
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toContain('programmering-2027.csv: geen streefwaarden voor 2026 (wel voor 2027). Kies een periode in een jaar van de programmering.');
    const wrong = path.join(work, 'programmering-fout.csv');
    writeFileSync(wrong, `${HEADER}\n2026;WMO;;;;veel;;\n`);
    const refused = cli(['figures', '--period', '2026Q3', '--programmering', wrong, '--out', out, delivery]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Programmering programmering-fout.csv: rij 2, kolom clienten: 'veel' is geen getal van 0 of meer.");
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
