import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import yazl from 'yazl';
import { deliveryFiles } from '../core/delivery/deliveryTestKit.ts';
import { fixtureSet, type FixtureSet } from '../core/testing/fixtureSet.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

/*
 * The leaks of issue 9, section 2, each reproduced through the CLI: a BSN hidden in a field
 * that is not the BSN column must never reach a delivery, a table, a message or a figure.
 */

const PASSPHRASE = 'lange testwachtwoordzin';
/** A test BSN (9999…, passes the 11-proef); the fixture exports do not use it. */
const BSN = '999913141';
const BSN_SPACED = '999 913 141';
const BSN_DOTTED = '999.913.141';

const cli = (args: string[]) => runCli(args, { env: { WIJKMONITOR_PASSPHRASE: PASSPHRASE } });

let fixtures: FixtureSet;
let key: string;
let data: string;

beforeAll(async () => {
  fixtures = await fixtureSet();
  const work = tempDir('wm-privacy-');
  key = path.join(work, 'GM9903.wmkey');
  data = path.join(work, 'data');
  expect(cli(['key', 'create', '--out', key]).code).toBe(0);
});

/** GM9903's export (`;`, Windows-1252) with one cell of the first data row replaced. */
function exportWith(changes: Record<string, string>, line = 1): string {
  const lines = readFileSync(fixtures.export('GM9903', '2026Q3'), 'latin1').split('\r\n');
  const header = lines[0]!.split(';');
  const cells = lines[line]!.split(';');
  for (const [column, value] of Object.entries(changes)) {
    const i = header.indexOf(column);
    expect(i, column).toBeGreaterThanOrEqual(0);
    cells[i] = value;
  }
  lines[line] = cells.join(';');
  const file = path.join(tempDir(), 'export_2026Q3.csv');
  writeFileSync(file, lines.join('\r\n'), 'latin1');
  return file;
}

function deliver(exportFile: string, out: string, extra: string[] = []) {
  return cli([
    'deliver', '--key', key, '--gemeente', 'GM9903', '--period', '2026Q3', '--products', fixtures.products('GM9903'), '--areas', fixtures.areas('GM9903'),
    '--data', data, '--out', out, ...extra, exportFile,
  ]);
}

function expectRefused(result: ReturnType<typeof cli>, dir: string, column: string) {
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('door de privacycontrole');
  expect(result.stderr).toContain(`kolom ${column}`);
  expect(result.stderr).not.toMatch(/999\D?913\D?141/);
  expect(readdirSync(dir)).toEqual([]);
}

describe('no BSN leaves in another field', () => {
  test.each([
    ['kosten = a BSN', { Bedrag: BSN }, 'kosten'],
    ['volume = the client’s own BSN', { Volume: '' }, 'volume'],
    ['product = "Begeleiding <bsn>"', { Product: `Begeleiding ${BSN}` }, 'product'],
    ['verwijzer = the BSN with spaces', { Verwijzer: BSN_SPACED }, 'verwijzer'],
    ['aanbieder_naam with "t.a.v. <bsn>"', { Leverancier: `Zorggroep t.a.v. ${BSN}` }, 'aanbieder_naam'],
    ['aanbieder_naam with the BSN in dots', { Leverancier: `Zorggroep t.a.v. ${BSN_DOTTED}` }, 'aanbieder_naam'],
  ])('%s is refused, named by row and column, and nothing is written', (_name, changes, column) => {
    const own = readFileSync(fixtures.export('GM9903', '2026Q3'), 'latin1').split('\r\n')[1]!.split(';')[0]!;
    const file = exportWith(column === 'volume' ? { Volume: own } : changes);
    const dir = tempDir();
    const result = deliver(file, dir);
    expectRefused(result, dir, column);
    expect(result.stderr).toContain('voorzieningen.csv, rij 2');
    if (column === 'volume') expect(result.stderr).not.toContain(own);
  });

  test('an AGB code, a date and an amount in those fields still pass', () => {
    const dir = tempDir();
    const result = deliver(exportWith({ Product: 'Begeleiding 2026-07-01 (8 uur)', Verwijzer: '75001074', Leverancier: 'Zorggroep Postbus 1234, 7520 EG' }), dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('a vertaaltabel product name with a BSN (into producten.csv) is refused', () => {
    const dir = tempDir();
    const lines = readFileSync(fixtures.products('GM9903'), 'utf8').split('\n');
    const header = lines[0]!.split(';');
    const cells = lines[1]!.split(';');
    cells[header.indexOf('product')] = `Begeleiding ${BSN_DOTTED}`;
    lines[1] = cells.join(';');
    const products = path.join(tempDir(), 'producten.csv');
    writeFileSync(products, lines.join('\n'));
    const out = path.join(dir, 'uit');
    const result = cli(['deliver', '--key', key, '--gemeente', 'GM9903', '--period', '2026Q3', '--products', products, '--areas', fixtures.areas('GM9903'), '--data', data, '--out', `${out}.zip`, fixtures.export('GM9903', '2026Q3')]);
    expectRefused(result, dir, 'product');
    expect(result.stderr).toContain('producten.csv, rij 2');
  });

  test('--naam with a BSN (into levering.json) is refused', () => {
    const dir = tempDir();
    expectRefused(deliver(fixtures.export('GM9903', '2026Q3'), dir, ['--naam', `Gemeente ${BSN}`]), dir, 'gemeentenaam');
  });

  test('a BSN column mapped to productcode prints no BSN, and products writes none into the vertaaltabel', () => {
    const dir = tempDir();
    const profile = path.join(dir, 'profiel.json');
    expect(cli(['mapping', '--out', profile, fixtures.export('GM9903', '2026Q3')]).code).toBe(0);
    const json = JSON.parse(readFileSync(profile, 'utf8'));
    const bsns = new Set(readFileSync(fixtures.export('GM9903', '2026Q3'), 'latin1').split('\r\n').slice(1).map((l) => l.split(';')[0]!).filter((b) => b.length === 9));
    expect(bsns.size).toBeGreaterThan(20);
    const noBsn = (result: ReturnType<typeof cli>) => [...bsns].filter((bsn) => (result.stdout + result.stderr).includes(bsn));

    // Under its own header the column is refused for productcode before a row is read.
    json.kolommen.productcode = json.kolommen.bsn;
    writeFileSync(profile, JSON.stringify(json));
    const byHeader = deliver(fixtures.export('GM9903', '2026Q3'), path.join(dir, 'uit.zip'), ['--mapping', profile]);
    expect(byHeader.code).toBe(2);
    expect(byHeader.stderr).toContain('kolom "BSN" bevat persoonsgegevens');

    // Under a header no list knows, the unmapped-product message masks every code that may be a BSN.
    const lines = readFileSync(fixtures.export('GM9903', '2026Q3'), 'latin1').split('\r\n');
    lines[0] = lines[0]!.replace(/^BSN;/, 'Klantnummer;');
    const renamed = path.join(tempDir(), 'export_2026Q3.csv');
    writeFileSync(renamed, lines.join('\r\n'), 'latin1');
    json.kolommen.bsn = 'Klantnummer';
    json.kolommen.productcode = 'Klantnummer';
    writeFileSync(profile, JSON.stringify(json));
    const delivered = deliver(renamed, path.join(dir, 'uit.zip'), ['--mapping', profile]);
    expect(delivered.code).toBe(2);
    expect(noBsn(delivered)).toEqual([]);
    expect(delivered.stderr).toContain('een code die een BSN kan zijn');

    const proposal = path.join(dir, 'voorstel.csv');
    const products = cli(['products', '--data', path.join(dir, 'leeg'), '--mapping', profile, '--out', proposal, renamed]);
    expect(products.code).toBe(2);
    expect(products.stderr).toContain('door de privacycontrole');
    expect(products.stderr).toContain('kolom productcode');
    expect(noBsn(products)).toEqual([]);
    expect(existsSync(proposal)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['leeg', 'profiel.json']);
  });
});

/** A delivery as an older version (or a hand) might have made it: `voorzieningen.csv` rewritten, manifest checksums made to match. */
async function tamperedDelivery(
  edit: (csv: string) => string,
  entries?: (files: Map<string, Buffer>) => [string, Buffer][],
  editManifest: (manifest: { bestanden: Record<string, { rijen: number }> }) => void = () => {},
): Promise<string> {
  const dir = tempDir();
  expect(deliver(fixtures.export('GM9903', '2026Q3'), dir).code).toBe(0);
  const original = path.join(dir, 'GM9903_2026Q3_levering.zip');
  const files = new Map([...(await deliveryFiles(original))].map(([name, text]) => [name, Buffer.from(text, 'utf8')]));
  const csv = Buffer.from(edit(files.get('voorzieningen.csv')!.toString('utf8')), 'utf8');
  files.set('voorzieningen.csv', csv);
  const manifest = JSON.parse(files.get('levering.json')!.toString('utf8'));
  manifest.bestanden['voorzieningen.csv'].sha256 = createHash('sha256').update(csv).digest('hex');
  editManifest(manifest);
  files.set('levering.json', Buffer.from(JSON.stringify(manifest)));
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries ? entries(files) : [...files]) zip.addBuffer(bytes, name);
  zip.end();
  const file = path.join(tempDir(), 'GM9903_2026Q3_levering.zip');
  await finished(zip.outputStream.pipe(createWriteStream(file)));
  return file;
}

/** Replaces the value of `column` in the first data row. */
function setField(csv: string, column: string, value: string): string {
  const lines = csv.split('\r\n');
  const i = lines[0]!.replace(/^\uFEFF/, '').split(';').indexOf(column);
  const cells = lines[1]!.split(';');
  cells[i] = value;
  lines[1] = cells.join(';');
  return lines.join('\r\n');
}

function figures(file: string) {
  const out = path.join(tempDir(), 'cijfers.csv');
  const result = cli(['figures', '--period', '2026Q3', '--out', out, file]);
  return { ...result, written: existsSync(out) };
}

describe('verify and figures refuse what an older version let through', () => {
  test.each([
    ['kosten', `${BSN}.00`],
    ['product', `Begeleiding ${BSN}`],
    ['verwijzer', BSN_SPACED],
    ['aanbieder_naam', `Zorggroep t.a.v. ${BSN_DOTTED}`],
  ])('a BSN in %s fails verify and figures', async (column, value) => {
    const file = await tamperedDelivery((csv) => setField(csv, column, value));
    const verified = cli(['verify', file]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain(`voorzieningen.csv: rij 2, kolom ${column}: een getal dat een BSN kan zijn`);
    expect(verified.stderr).not.toContain(BSN);
    const result = figures(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('kolom ' + column);
    expect(result.written).toBe(false);
  });

  test('a duplicate entry (first with a BSN, second clean) fails verify and figures', async () => {
    const file = await tamperedDelivery(
      (csv) => csv,
      (files) => {
        const clean = files.get('voorzieningen.csv')!;
        const dirty = Buffer.from(setField(clean.toString('utf8'), 'kosten', `${BSN}.00`), 'utf8');
        return [['voorzieningen.csv', dirty], ...[...files].filter(([n]) => n !== 'voorzieningen.csv'), ['voorzieningen.csv', clean]];
      },
    );
    const verified = cli(['verify', file]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('meer dan eens in de levering staan: voorzieningen.csv');
    const result = figures(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('meer dan eens');
    expect(result.written).toBe(false);
  });

  test('an unexpected entry fails figures as it fails verify', async () => {
    const file = await tamperedDelivery(
      (csv) => csv,
      (files) => [...files, ['extra/namen.csv', Buffer.from('naam\r\nJansen\r\n')]],
    );
    expect(cli(['verify', file]).code).toBe(1);
    const result = figures(file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Onverwachte bestanden in de levering: extra/namen.csv');
  });
});

describe('delivery bombs', () => {
  test('one overlong line is refused at once, without buffering it', async () => {
    const file = await tamperedDelivery((csv) => setField(csv, 'product', randomBytes(1536 * 1024).toString('hex')));
    const started = Date.now();
    const verified = cli(['verify', file]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('een regel is langer dan 64 KiB');
    expect(verified.stderr).not.toContain('CRC');
    const result = figures(file);
    expect(result.code).toBe(2);
    expect(result.written).toBe(false);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('more bytes than the declared rows can hold, or a compression no delivery has, is refused before reading', async () => {
    // 40 MB of the same row in a zip of well under 1 MB, the manifest claiming every row.
    const file = await tamperedDelivery((csv) => {
      const lines = csv.split('\r\n');
      return [lines[0], ...Array.from({ length: 200_000 }, () => lines[1]), ''].join('\r\n');
    });
    const verified = cli(['verify', file]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('keer gecomprimeerd');
    expect(figures(file).code).toBe(2);
  });

  test('a zip with thousands of entries is refused from its central directory alone', async () => {
    const file = await tamperedDelivery(
      (csv) => csv,
      (files) => [...files, ...Array.from({ length: 5000 }, (_, i): [string, Buffer] => [`x/${i}.txt`, Buffer.from('x')])],
    );
    const verified = cli(['verify', file]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('bevat 5005 bestanden; een levering bevat er 5');
    expect(figures(file).stderr).toContain('bevat 5005 bestanden');
  });

  test('a row count in levering.json that the file size contradicts is refused before reading', async () => {
    // Random text does not compress: only the declared row count gives this one away.
    const few = await tamperedDelivery((csv) => setField(csv, 'product', randomBytes(30_000).toString('hex')), undefined, (m) => (m.bestanden['voorzieningen.csv']!.rijen = 1));
    const verified = cli(['verify', few]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('meer dan de 1 rijen van levering.json kunnen beslaan');
    const many = await tamperedDelivery((csv) => csv, undefined, (m) => (m.bestanden['voorzieningen.csv']!.rijen = 16_700_000));
    expect(cli(['verify', many]).stderr).toContain('te klein voor de 16700000 rijen die levering.json noemt');
    const result = figures(many);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('te klein voor de 16700000 rijen');
  });
});
