import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateFixtures } from '../../fixtures/generate.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { CLI_BIN, runCli } from './testing/runCli.ts';

/*
 * Faults a real laptop produces, in the real CLI process: a full disk (a file size limit set with
 * `ulimit -f`, which Node turns into EFBIG since it ignores SIGXFSZ) and runs interrupted by a
 * signal. A large synthetic export makes `deliver` run long enough to be interrupted mid-write.
 */

const PASSPHRASE = { WIJKMONITOR_PASSPHRASE: 'lange testwachtwoordzin' };
const env = { ...process.env, ...PASSPHRASE };
const G = 'GM9903';

let fx: string;
let key: string;
let delivery: string;
let smallDelivery: string;

const cli = (args: string[], fileSizeLimitKb?: number) => runCli(args, { env: PASSPHRASE, ...(fileSizeLimitKb === undefined ? {} : { fileSizeLimitKb }) });

function deliverArgs(out: string, data = path.join(tempDir(), 'data'), exportFile = path.join(fx, G, 'export_2026Q3.csv')): string[] {
  return ['deliver', '--key', key, '--gemeente', G, '--period', '2026Q3', '--products', path.join(fx, G, 'producten.csv'), '--areas', path.join(fx, G, 'gebieden.csv'), '--data', data, '--out', out, exportFile];
}

const temps = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

beforeAll(async () => {
  fx = tempDir('wm-faults-');
  await generateFixtures({ seed: 20261, rows: 30000, outDir: fx });
  key = path.join(fx, 'sleutel.wmkey');
  expect(cli(['key', 'create', '--out', key]).code).toBe(0);
  const dir = tempDir();
  expect(cli(deliverArgs(dir)).code).toBe(0);
  delivery = path.join(dir, `${G}_2026Q3_levering.zip`);
  // A small gemeente: its figures' scratch database stays in SQLite's page cache, so only the CSV
  // touches the disk. The first 300 lines of the export, bytes as they are (Windows-1252).
  const bytes = readFileSync(path.join(fx, G, 'export_2026Q3.csv'));
  let end = 0;
  for (let line = 0; line < 300; line++) end = bytes.indexOf(0x0a, end) + 1;
  const small = path.join(fx, 'klein', 'export_2026Q3.csv');
  mkdirSync(path.dirname(small));
  writeFileSync(small, bytes.subarray(0, end));
  const smallDir = tempDir();
  expect(cli(deliverArgs(smallDir, undefined, small)).code).toBe(0);
  smallDelivery = path.join(smallDir, `${G}_2026Q3_levering.zip`);
}, 120_000);

describe('a full disk', () => {
  test('figures: a limit reached in the last write is an error, not a file cut mid-row with exit 0', () => {
    const dir = tempDir();
    const full = path.join(dir, 'volledig.csv');
    expect(cli(['figures', '--period', '2026Q3', '--out', full, smallDelivery]).code).toBe(0);
    const size = statSync(full).size;
    const limits = [
      // the figures fit but the last chunk is cut: fs.writeSync writes short without an error
      [Math.floor((size - 2048) / 1024), `Fout: 'cijfers.csv' kon niet worden geschreven in map '${dir}': de schijf is vol`],
      // so small that unpacking the delivery's records into the private work folder fails first
      [8, 'Fout: de schijf is vol of een bestand wordt groter dan hier is toegestaan (EFBIG).'],
    ] as const;
    for (const [limit, message] of limits) {
      const out = path.join(dir, 'cijfers.csv');
      const result = cli(['figures', '--period', '2026Q3', '--out', out, smallDelivery], limit);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('de schijf is vol');
      expect(existsSync(out)).toBe(false);
      expect(temps(dir)).toEqual([]);
    }
  });

  test('deliver: the zip stream failing ends the run with a message (not exit 13) and leaves no temp file', () => {
    const dir = tempDir();
    const data = path.join(tempDir(), 'data');
    // The store (~100 kB) fits under the limit, the delivery (~1.3 MB) does not.
    const result = cli(deliverArgs(dir, data), 400);
    expect(result.stderr).not.toContain('unsettled top-level await');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Fout: '${G}_2026Q3_levering.zip' kon niet worden geschreven in map '${dir}': de schijf is vol`);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('quality: an xlsx writer (ExcelJS) that fails is reported the same way', () => {
    const dir = tempDir();
    const data = path.join(tempDir(), 'data');
    const out = path.join(dir, 'kwaliteit.xlsx');
    const quality = ['quality', '--period', '2026Q3', '--products', path.join(fx, G, 'producten.csv'), '--areas', path.join(fx, G, 'gebieden.csv'), '--data', data, '--out', out, path.join(fx, G, 'export_2026Q3.csv')];
    // A first run creates the store (`info` only reads), so under the limit only the report grows.
    expect(cli(quality).code).toBe(0);
    rmSync(out);
    const result = cli(quality, 60);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Fout: 'kwaliteit.xlsx' kon niet worden geschreven in map '${dir}': de schijf is vol`);
    expect(readdirSync(dir)).toEqual([]);
  });

  // /sys refuses new files even to root (EACCES, or EROFS where it is mounted read-only)
  test.runIf(process.platform === 'linux')('a folder that may not be written is named', () => {
    const result = cli(['figures', '--period', '2026Q3', '--out', '/sys/cijfers.csv', smallDelivery]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Fout: 'cijfers.csv' kon niet worden geschreven: in de map '/sys' mag niet worden geschreven");
  });

  test('an output folder that does not exist is named', () => {
    const missing = path.join(tempDir(), 'bestaat-niet');
    const result = cli(deliverArgs(path.join(missing, 'levering.zip')));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Fout: 'levering.zip' kon niet worden geschreven: de map '${missing}' bestaat niet.`);
  });
});

describe('silent empty results', () => {
  test('a workbook whose cells are formulas without cached values is refused, not delivered as 0 rows with exit 0', async () => {
    // What a reporting tool writes: the first 126 rows of the export, the BSN column as formulas
    // (ExcelJS, like such tools, stores no value for a formula without a result).
    const lines = readFileSync(path.join(fx, G, 'export_2026Q3.csv'), 'latin1').split('\r\n').slice(0, 127);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.addRow(lines[0]!.split(';'));
    for (const line of lines.slice(1)) {
      const [bsn, ...rest] = line.split(';');
      sheet.addRow([{ formula: `"${bsn}"` }, ...rest]);
    }
    const file = path.join(tempDir(), 'export_formules.xlsx');
    await workbook.xlsx.writeFile(file);
    const dir = tempDir();
    const result = cli(deliverArgs(dir, undefined, file));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Cel A2 van werkblad 'Export' in 'export_formules.xlsx' bevat een formule zonder opgeslagen waarde");
    expect(result.stderr).toContain('Formules zonder opgeslagen waarden: open het bestand in Excel en sla het opnieuw op.');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an area table with only a header row is refused, not every wijk "onbekend"', () => {
    const dir = tempDir();
    const areas = path.join(tempDir(), 'gebieden.csv');
    writeFileSync(areas, 'postcode;wijk;wijknaam;gebied\r\n');
    const args = deliverArgs(dir, undefined, path.join(fx, 'klein', 'export_2026Q3.csv'));
    args[args.indexOf('--areas') + 1] = areas;
    const result = cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Fout: De gebiedsindeling 'gebieden.csv' bevat geen rijen, alleen een kopregel");
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('messages that name the store', () => {
  test('a corrupt database is named, with what is wrong', () => {
    const data = tempDir();
    writeFileSync(path.join(data, 'wijkmonitor.sqlite'), randomBytes(20_000));
    const result = cli(['info', '--data', data]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Fout: De database wijkmonitor.sqlite in ${data} is beschadigd of is geen Wijkmonitor-database.`);
  });

  test('a database locked by another process is named', async () => {
    const data = tempDir();
    expect(cli(['info', '--data', data]).code).toBe(0);
    const holder = spawn(process.execPath, ['-e', `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.exec('BEGIN EXCLUSIVE'); console.log('locked'); setTimeout(() => {}, 60000);`, path.join(data, 'wijkmonitor.sqlite')], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve));
      const result = cli(['info', '--data', data]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Fout: De database wijkmonitor.sqlite in ${data} is vergrendeld door een ander proces`);
    } finally {
      holder.kill();
    }
  }, 30_000);

  test('deliver into a folder that does not exist says so', () => {
    const missing = path.join(tempDir(), 'uitvoer');
    const result = cli(deliverArgs(missing));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Fout: De map '${missing}' bestaat niet.`);
    expect(existsSync(missing)).toBe(false);
  });
});

/** Starts deliver and resolves with the child once its temp file exists (the zip is being written). */
async function deliverUntilWriting(dir: string) {
  const child = spawn(process.execPath, [CLI_BIN, ...deliverArgs(dir)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const started = Date.now();
  while (temps(dir).length === 0) {
    if (Date.now() - started > 30_000 || child.exitCode !== null) throw new Error(`deliver never wrote a temp file: ${stderr}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return { child, exited, stderr: () => stderr };
}

describe('interrupted runs', () => {
  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s during deliver removes the temp file and exits with %i', async (signal, exitCode) => {
    const dir = tempDir();
    const run = await deliverUntilWriting(dir);
    run.child.kill(signal);
    const { code } = await run.exited;
    expect(code).toBe(exitCode);
    expect(run.stderr()).toContain(`Afgebroken (${signal})`);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  test('kill -9 leaves a temp file; the next run into that folder removes it', async () => {
    const dir = tempDir();
    const run = await deliverUntilWriting(dir);
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    const [left] = temps(dir);
    expect(left).toMatch(new RegExp(`^\\.${G}_2026Q3_levering\\.zip\\.${run.child.pid}-[0-9a-f]{12}\\.tmp$`));
    // A writer on another machine sharing the folder would keep touching its file; this one is
    // as if the run was killed two minutes ago.
    const twoMinutesAgo = (Date.now() - 120_000) / 1000;
    utimesSync(path.join(dir, left!), twoMinutesAgo, twoMinutesAgo);
    mkdirSync(path.join(dir, 'sub'));
    const again = cli(deliverArgs(dir));
    expect(again.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`${G}_2026Q3_levering.zip`, 'sub']);
  }, 60_000);
});
