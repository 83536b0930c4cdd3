import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, test } from 'vitest';
import { deliveryFiles } from '../core/delivery/deliveryTestKit.ts';
import { loadReferenceTables } from '../core/resources/referenceTables.ts';
import { fixtureSet, FIXTURE_GEMEENTEN, type FixtureSet } from '../core/testing/fixtureSet.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

const PASSPHRASE = 'lange testwachtwoordzin';

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { WIJKMONITOR_PASSPHRASE: PASSPHRASE, ...env } });

let fixtures: FixtureSet;
let work: string;
let key: string;

beforeAll(async () => {
  fixtures = await fixtureSet();
  work = tempDir('wm-cli-');
  key = path.join(work, 'GM9903.wmkey');
  expect(cli(['key', 'create', '--out', key]).code).toBe(0);
});

function deliver(gemeente: string, out: string, extra: string[] = [], env: Record<string, string> = {}) {
  const g = gemeente as (typeof FIXTURE_GEMEENTEN)[number];
  return cli(
    ['deliver', '--key', key, '--gemeente', gemeente, '--period', '2026Q3', '--products', fixtures.products(g), '--areas', fixtures.areas(g), '--data', path.join(work, 'data'), '--out', out, ...extra, fixtures.export(g, '2026Q3')],
    env,
  );
}

describe('wijkmonitor CLI', () => {
  test('--help lists the commands and --version prints the version', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['key create', 'deliver', 'verify', 'demo']) expect(help.stdout).toContain(command);
    const version = cli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')).version);
    expect(cli(['onzin']).code).toBe(2);
  });

  test('key fingerprint reads the key back; a key is never overwritten', () => {
    const fingerprint = cli(['key', 'fingerprint', '--key', key]);
    expect(fingerprint.code).toBe(0);
    expect(fingerprint.stdout.trim()).toMatch(/^[0-9a-f]{16}$/);
    const again = cli(['key', 'create', '--out', key]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('bestaat al; een sleutel wordt nooit overschreven');
  });

  test.each(FIXTURE_GEMEENTEN)('deliver on the %s export produces a delivery that verify accepts', (gemeente) => {
    const dir = tempDir();
    const result = deliver(gemeente, dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = path.join(dir, `${gemeente}_2026Q3_levering.zip`);
    expect(result.stdout).toContain(`Levering geschreven: ${file}`);
    const verified = cli(['verify', file]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('In orde');
  });

  test('a byte changed in the zip makes verify exit 1', () => {
    const dir = tempDir();
    expect(deliver('GM9903', dir).code).toBe(0);
    const file = path.join(dir, 'GM9903_2026Q3_levering.zip');
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    writeFileSync(file, bytes);
    const verified = cli(['verify', file]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('Niet in orde');
  });

  test('an unmapped product exits 2, names the product and writes no file', () => {
    const dir = tempDir();
    const products = readFileSync(fixtures.products('GM9903'), 'utf8').split('\n');
    const dropped = products[1]!.split(';')[0]!;
    const partial = path.join(dir, 'producten-onvolledig.csv');
    writeFileSync(partial, [products[0], ...products.slice(2)].join('\n'));
    const out = path.join(dir, 'uit');
    const result = cli(['deliver', '--key', key, '--gemeente', 'GM9903', '--period', '2026Q3', '--products', partial, '--areas', fixtures.areas('GM9903'), '--data', path.join(work, 'data'), '--out', `${out}.zip`, fixtures.export('GM9903', '2026Q3')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`niet in de vertaaltabel: ${dropped}`);
    expect(readdirSync(dir)).toEqual(['producten-onvolledig.csv']);
  });

  test('deliver --products takes a vertaaltabel written with numbers and names and delivers the codes', async () => {
    const dir = tempDir();
    const ref = loadReferenceTables();
    const original = Papa.parse<Record<string, string>>(readFileSync(fixtures.products('GM9903'), 'utf8').replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true });
    const byHand = original.data.map((row, i) => ({
      ...row,
      // As people fill it in: leefdomein 7 or 07 or its name, the voorziening's name, "Gemeente".
      leefdomein: [String(Number(row.leefdomein!.slice(2))), row.leefdomein!.slice(2), ref.leefdomeinen.find((l) => l.code === row.leefdomein)!.naam.toUpperCase()][i % 3]!,
      voorziening: ref.voorzieningsoorten.find((v) => v.code === row.voorziening)!.naam,
      financier: i % 2 === 0 ? 'Gemeente' : '',
    }));
    const table = path.join(dir, 'vertaaltabel-met-de-hand.csv');
    writeFileSync(table, Papa.unparse(byHand, { delimiter: ';', columns: original.meta.fields }));
    const delivered = (products: string, name: string) =>
      cli(['deliver', '--key', key, '--gemeente', 'GM9903', '--period', '2026Q3', '--products', products, '--areas', fixtures.areas('GM9903'), '--data', path.join(work, 'data'), '--out', path.join(dir, name), fixtures.export('GM9903', '2026Q3')]);
    expect(delivered(fixtures.products('GM9903'), 'codes.zip').code).toBe(0);
    expect(delivered(table, 'met-de-hand.zip').code).toBe(0);
    const [codes, byHandFiles] = [await deliveryFiles(path.join(dir, 'codes.zip')), await deliveryFiles(path.join(dir, 'met-de-hand.zip'))];
    expect(byHandFiles.get('producten.csv')).toBe(codes.get('producten.csv'));
    expect(byHandFiles.get('voorzieningen.csv')).toBe(codes.get('voorzieningen.csv'));

    writeFileSync(table, Papa.unparse([byHand[0]!, { ...byHand[1]!, leefdomein: '11' }, { ...byHand[2]!, financier: 'de zorgverzekering' }], { delimiter: ';', columns: original.meta.fields }));
    const refused = delivered(table, 'fout.zip');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Producttabel vertaaltabel-met-de-hand.csv: rij 3, kolom leefdomein: onbekend leefdomein; rij 4, kolom financier: onbekende financier.');
    expect(refused.stderr).toContain('Toegestaan in kolom leefdomein: de code, het nummer of de naam: LD01 of 1 (Fysieke gezondheid)');
    expect(existsSync(path.join(dir, 'fout.zip'))).toBe(false);
  });

  test('a wrong passphrase exits 2 and writes no file', () => {
    const dir = tempDir();
    const result = deliver('GM9903', dir, [], { WIJKMONITOR_PASSPHRASE: 'een andere wachtwoordzin' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('De wachtwoordzin voor sleutelbestand GM9903.wmkey is onjuist.');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('bad input names file, row and column; an existing delivery is not overwritten', () => {
    const dir = tempDir();
    expect(deliver('GM9902', dir).code).toBe(0);
    const twice = deliver('GM9902', dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('GM9902_2026Q3_levering.zip bestaat al');
    const badAreas = path.join(dir, 'gebieden.csv');
    writeFileSync(badAreas, 'postcode;wijk\n7101;WK990301\n12;WK990302\n');
    const result = cli(['deliver', '--key', key, '--gemeente', 'GM9902', '--period', '2026Q3', '--areas', badAreas, '--products', fixtures.products('GM9902'), '--data', path.join(work, 'data'), '--out', path.join(dir, 'x.zip'), fixtures.export('GM9902', '2026Q3')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Gebiedstabel gebieden.csv: rij 3, kolom postcode');
    expect(existsSync(path.join(dir, 'x.zip'))).toBe(false);
  });

  test('a delivery with another key than the previous one is warned about', () => {
    const data = path.join(tempDir(), 'data');
    const otherKey = path.join(tempDir(), 'ander.wmkey');
    expect(cli(['key', 'create', '--out', otherKey]).code).toBe(0);
    const run = (k: string) =>
      cli(['deliver', '--key', k, '--gemeente', 'GM9901', '--period', '2026Q3', '--products', fixtures.products('GM9901'), '--areas', fixtures.areas('GM9901'), '--data', data, '--out', tempDir(), fixtures.export('GM9901', '2026Q3')]);
    expect(run(key).stderr).toBe('');
    const second = run(otherKey);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Waarschuwing: Let op: deze levering gebruikt sleutel [0-9a-f]{16}, de vorige levering \(2026Q3\) sleutel [0-9a-f]{16}/);
  });

  test('mapping writes a profile that deliver replays on next quarter’s export with a renamed header', () => {
    const dir = tempDir();
    const profile = path.join(dir, 'profiel.json');
    const made = cli(['mapping', '--out', profile, fixtures.export('GM9903', '2026Q2')]);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('Niet gebruikt (wordt nooit opgeslagen of geleverd): Achternaam, Voorletters, Straat');
    expect(JSON.parse(readFileSync(profile, 'utf8')).kolommen.begindatum).toBe('Ingangsdatum');

    // Next quarter the client system calls the column "Startdatum".
    const bytes = readFileSync(fixtures.export('GM9903', '2026Q3'));
    const headerEnd = bytes.indexOf('\r\n');
    const header = bytes.subarray(0, headerEnd).toString('latin1').replace('Ingangsdatum', 'Startdatum');
    const renamed = path.join(dir, 'export_2026Q3.csv');
    writeFileSync(renamed, Buffer.concat([Buffer.from(header, 'latin1'), bytes.subarray(headerEnd)]));
    const result = cli(['deliver', '--key', key, '--gemeente', 'GM9903', '--period', '2026Q3', '--products', fixtures.products('GM9903'), '--areas', fixtures.areas('GM9903'), '--mapping', profile, '--data', path.join(dir, 'data'), '--out', dir, renamed]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Waarschuwing: export_2026Q3.csv: kolom "Ingangsdatum" (begindatum) heet nu "Startdatum".');
    expect(cli(['verify', path.join(dir, 'GM9903_2026Q3_levering.zip')]).code).toBe(0);
  });

  test('quality writes the report workbook; products proposes a vertaaltabel', async () => {
    const dir = tempDir();
    const report = path.join(dir, 'kwaliteit.xlsx');
    const quality = cli(['quality', '--period', '2026Q3', '--products', fixtures.products('GM9902'), '--areas', fixtures.areas('GM9902'), '--data', path.join(dir, 'data'), '--out', report, fixtures.export('GM9902', '2026Q3')]);
    expect(quality.code).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(report);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Samenvatting', 'Bevindingen']);
    expect(workbook.getWorksheet('Bevindingen')!.getRow(2).getCell(1).value).toBe('export_2026Q3.csv');

    const proposal = path.join(dir, 'voorstel.csv');
    const products = cli(['products', '--data', path.join(dir, 'leeg'), '--out', proposal, fixtures.export('GM9902', '2026Q3')]);
    expect(products.code).toBe(0);
    expect(products.stdout).toMatch(/0 ingedeeld, \d+ met voorstel/);
    expect(readFileSync(proposal, 'utf8')).toContain(';voorstel;standaard productcode: categorie ');
  });
  test('figures computes the long CSV from deliveries of several gemeenten and periods', async () => {
    const dir = tempDir();
    const q2 = path.join(dir, 'GM9901_2026Q2_levering.zip');
    expect(deliver('GM9901', dir).code).toBe(0);
    expect(deliver('GM9903', dir).code).toBe(0);
    const g = 'GM9901';
    expect(
      cli(['deliver', '--key', key, '--gemeente', g, '--period', '2026Q2', '--products', fixtures.products(g), '--areas', fixtures.areas(g), '--data', path.join(work, 'data'), '--out', q2, fixtures.export(g, '2026Q2')]).code,
    ).toBe(0);
    const deliveries = [path.join(dir, 'GM9901_2026Q3_levering.zip'), path.join(dir, 'GM9903_2026Q3_levering.zip'), q2];
    const out = path.join(dir, 'cijfers.csv');
    const result = cli(['figures', '--period', '2026Q3', '--out', out, ...deliveries]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('voor GM9903 is de periode vóór 2026Q3 niet meegegeven');
    expect(result.stderr).not.toContain('GM9901');
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFperiode;gemeente;wijk;indicator;dimensie;waarde;status\r\n')).toBe(true);
    const figures = Papa.parse<Record<string, string>>(text.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const find = (gemeente: string, indicator: string, dimensie = '', wijk = '') =>
      figures.filter((f) => f.gemeente === gemeente && f.indicator === indicator && f.dimensie === dimensie && f.wijk === wijk);

    for (const [gemeente, file] of [['GM9901', deliveries[0]!], ['GM9903', deliveries[1]!]] as const) {
      // Checked against the delivery itself, counted here without the engine.
      const records = Papa.parse<Record<string, string>>((await deliveryFiles(file)).get('voorzieningen.csv')!.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
      const cents = records.reduce((sum, r) => sum + Math.round(Number(r.kosten || 0) * 100), 0);
      expect(find(gemeente, 'clienten').map((f) => Number(f.waarde))).toEqual([new Set(records.map((r) => r.client)).size]);
      expect(find(gemeente, 'voorzieningen').map((f) => Number(f.waarde))).toEqual([records.length]);
      expect(Math.round(Number(find(gemeente, 'kosten')[0]!.waarde) * 100)).toBe(cents);
      const wijk = records[0]!.wijk!;
      expect(find(gemeente, 'clienten', '', wijk).map((f) => Number(f.waarde))).toEqual([new Set(records.filter((r) => r.wijk === wijk).map((r) => r.client)).size]);
      const pair = `productcode=${records[0]!.productcode}|aanbieder=${records[0]!.aanbieder}`;
      expect(find(gemeente, 'clienten', pair)).toHaveLength(1);
    }
    // ALLE: both gemeenten together; their clients are never the same client.
    expect(find('ALLE', 'clienten').map((f) => Number(f.waarde))).toEqual([Number(find('GM9901', 'clienten')[0]!.waarde) + Number(find('GM9903', 'clienten')[0]!.waarde)]);
    expect(figures.filter((f) => f.gemeente === 'ALLE').every((f) => f.wijk === '')).toBe(true);
    expect(figures.every((f) => f.status === 'ok' && f.periode === '2026Q3' && /^-?\d+(\.\d+)?$/.test(f.waarde!))).toBe(true);
    for (const indicator of ['huishoudens', 'kosten_per_client', 'stapeling', 'instroom', 'uitstroom']) expect(figures.some((f) => f.indicator === indicator)).toBe(true);
  });

  test('figures refuses a damaged delivery, names it and writes nothing', () => {
    const dir = tempDir();
    expect(deliver('GM9902', dir).code).toBe(0);
    const file = path.join(dir, 'GM9902_2026Q3_levering.zip');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 3)]! ^= 0x01;
    writeFileSync(file, bytes);
    const out = path.join(dir, 'cijfers.csv');
    const result = cli(['figures', '--period', '2026Q3', '--out', out, file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GM9902_2026Q3_levering.zip');
    expect(existsSync(out)).toBe(false);
    expect(cli(['figures', '--period', '2025Q1', '--out', out, path.join(dir, 'bestaat-niet.zip')]).code).toBe(2);
  });
});
