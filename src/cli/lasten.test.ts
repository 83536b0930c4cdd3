import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { fixtureSet, type FixtureSet } from '../core/testing/fixtureSet.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

const env = { WIJKMONITOR_PASSPHRASE: 'lange testwachtwoordzin' };
const cli = (args: string[]) => runCli(args, { env });

let fixtures: FixtureSet;
let work: string;
let key: string;

beforeAll(async () => {
  fixtures = await fixtureSet();
  work = tempDir('wm-cli-lasten-');
  key = path.join(work, 'GM9903.wmkey');
  expect(cli(['key', 'create', '--out', key]).code).toBe(0);
});

const deliver = (out: string, extra: string[]) =>
  cli(['deliver', '--key', key, '--gemeente', 'GM9903', '--period', '2026Q3', '--products', fixtures.products('GM9903'), '--areas', fixtures.areas('GM9903'), '--data', path.join(work, 'data'), '--out', out, ...extra, fixtures.export('GM9903', '2026Q3')]);

describe('deliver --lasten and verify of levering v2', () => {
  test('the period’s lasten go in lasten.csv (v2), verify names them; a wrong lasten file exits 2 naming row and column and writes nothing', () => {
    const lasten = path.join(work, 'lasten.csv');
    writeFileSync(lasten, 'periode;productcode;aanbieder;kosten\n2026Q3;01A01;;"2.500,00"\n2026Q2;01A01;;999\n');
    const out = path.join(work, 'GM9903_2026Q3_levering.zip');
    const delivered = deliver(out, ['--lasten', lasten]);
    expect(delivered.code).toBe(0);
    expect(delivered.stdout).toContain('Levering v2: met lasten.csv (1 regel lasten voor de toerekening).');
    const verified = cli(['verify', out]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/voorzieningen, 1 regel lasten \(levering v2\), sleutel/);

    const wrong = path.join(work, 'lasten-fout.csv');
    writeFileSync(wrong, 'periode;productcode;aanbieder;kosten\n2026Q3;01A01;;veel\n');
    const refused = deliver(path.join(work, 'fout.zip'), ['--lasten', wrong]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Lasten lasten-fout.csv: rij 2, kolom kosten: 'veel' is geen bedrag van 0 of meer.");
    expect(existsSync(path.join(work, 'fout.zip'))).toBe(false);
  }, 120_000);
});
