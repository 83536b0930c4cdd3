/**
 * The delivery benchmark (`npm run bench`, options after `--`):
 *
 *   node bench/deliver.bench.ts [--rows N] [--profile]
 *
 *   --rows N    rows in the generated GM9903 export (default 1,000,000); try 100000 first
 *   --profile   afterwards, run deliver once more (untimed) under `node --cpu-prof` and print
 *               the functions with the most self time
 *
 * One run: generates a Windows-1252 client export (fixtures/exports.ts) plus GM9903's product
 * and area tables in a temp folder; measures the FLOOR (decode cp1252 + PapaParse into row
 * objects + one createHmac per row of the BSN column — the least work any delivery must do);
 * runs the real CLI `deliver` as a child process (wall clock and that process's own peak RSS);
 * checks the result with `verify`; and estimates what the fixture's few distinct BSNs leave out.
 * Prints a table and writes the figures to bench/results/latest.json (meant to be committed as
 * the last measured result). Performance lives here, never as timing assertions in tests.
 */
import { createHmac, scrypt } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import Papa from 'papaparse';
import yauzl from 'yauzl';
import { writeClientExport } from '../fixtures/exports.ts';
import { generateFixtures } from '../fixtures/generate.ts';
import { createKey, createPseudonymiser } from '../src/core/pseudonym/wm1.ts';
import { cli as runCli, cliWithPeak as runCliWithPeak, elapsed, gnuTimeWorks, requireOk, ROOT, step, type Run } from './measure.ts';

const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'latest.json');

const GEMEENTE = 'GM9903';
const PERIOD = '2026Q3';
const SEED = 20261;
/** The fixtures' own scale for the product and area tables; only those two files are used. */
const TABLE_ROWS = 1000;
const PASSPHRASE = 'benchmark-wachtwoordzin-2026';

const TARGET_RATIO = 2; // a delivery may cost at most twice the floor
const TARGET_PEAK_MIB = 1024; // and stay under 1 GiB resident
/** A real export has about 300k distinct clients per million rows (the fixture: ~9k in all). */
const REAL_DISTINCT_CLIENTS_PER_ROW = 0.3;
/** The app's CSV reader reads 1 MiB at a time; the floor does the same so it is not handicapped. */
const READ_CHUNK = 1024 * 1024;

type Options = { rows: number; profile: boolean };

const cli = (args: readonly string[], nodeFlags: readonly string[] = []): Promise<Run> => runCli(args, nodeFlags, { WIJKMONITOR_PASSPHRASE: PASSPHRASE });
const cliWithPeak = (dir: string, args: readonly string[], useGnuTime: boolean) => runCliWithPeak(dir, args, useGnuTime, { WIJKMONITOR_PASSPHRASE: PASSPHRASE });

type Manifest = { bestanden: Record<string, { rijen: number }>; kwaliteit: Record<string, number>; sleutel: string };

// --- Options -------------------------------------------------------------------------------

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, options: { rows: { type: 'string' }, profile: { type: 'boolean' } }, strict: true });
  const rows = values.rows === undefined ? 1_000_000 : Number(values.rows);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`--rows verwacht een positief geheel getal, kreeg "${values.rows}"`);
  return { rows, profile: values.profile === true };
}

// --- Inputs --------------------------------------------------------------------------------

type Inputs = { exportFile: string; products: string; areas: string; seconds: number };

async function prepareInputs(dir: string, rows: number): Promise<Inputs> {
  const started = performance.now();
  // generateFixtures writes all three gemeenten at a small size; only GM9903's tables are used.
  const tablesDir = path.join(dir, 'tables');
  await generateFixtures({ seed: SEED, rows: TABLE_ROWS, outDir: tablesDir });
  const exportFile = path.join(dir, `export_${PERIOD}.csv`);
  await writeClientExport({ gemeente: GEMEENTE, dialect: 'csv-cp1252', rows, seed: SEED, period: PERIOD, path: exportFile });
  return {
    exportFile,
    products: path.join(tablesDir, GEMEENTE, 'producten.csv'),
    areas: path.join(tablesDir, GEMEENTE, 'gebieden.csv'),
    seconds: elapsed(started),
  };
}

// --- The floor -----------------------------------------------------------------------------

/**
 * The least work any delivery does: every byte decoded, every row parsed into an object, every
 * BSN hashed once. No caching of pseudonyms — that is an optimisation of the thing being
 * measured, not of the floor. The digests are folded into a checksum so none can be optimised away.
 * With `hmac: false` the same pass without hashing: it shows how much of the floor is createHmac
 * (a lot: OpenSSL 3 makes every createHmac call pay a set-up, see nodejs/performance#72).
 */
async function measureFloor(file: string, hmac = true): Promise<{ seconds: number; rows: number }> {
  const key = createKey();
  const started = performance.now();
  let rows = 0;
  let fold = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<Record<string, string>>(decodedText(file) as unknown as File, {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
      chunk(results) {
        for (const row of results.data) {
          rows++;
          if (!hmac) continue;
          const digest = createHmac('sha256', key).update(`wm1|bsn|${row.BSN ?? ''}`).digest();
          fold ^= digest[0]!;
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
  const seconds = elapsed(started);
  if (fold < 0) throw new Error('unreachable'); // keeps `fold` observably used
  return { seconds, rows };
}

/** The file as a stream of text: cp1252 decoded chunk by chunk (`stream: true` keeps state between chunks). */
function decodedText(file: string): Readable {
  async function* chunks(): AsyncGenerator<string> {
    const decoder = new TextDecoder('windows-1252');
    for await (const bytes of createReadStream(file, { highWaterMark: READ_CHUNK })) {
      yield decoder.decode(bytes as Buffer, { stream: true });
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  }
  return Readable.from(chunks());
}

// --- Key derivation ------------------------------------------------------------------------

/**
 * deliver opens the .wmkey with scrypt (N = 2^17, ~0.6 s). It cannot be timed inside the child,
 * and subtracting two ~1 s process start-ups (`key fingerprint` minus `--version`) proved too
 * noisy (it once gave 0.00 s). So the same scrypt call — the key file's own N, r, p and salt —
 * is timed here; deliver runs it once. An estimate of its share, not a measurement of the child.
 */
async function measureKeyDerivation(keyFile: string): Promise<number> {
  const fields = JSON.parse(readFileSync(keyFile, 'utf8')) as { N: number; r: number; p: number; salt: string };
  const options = { N: fields.N, r: fields.r, p: fields.p, maxmem: 2 * 128 * fields.N * fields.r };
  const started = performance.now();
  await new Promise<Buffer>((resolve, reject) =>
    scrypt(PASSPHRASE, Buffer.from(fields.salt, 'base64'), 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return elapsed(started);
}

// --- The delivered zip ---------------------------------------------------------------------

async function readManifest(zipFile: string): Promise<Manifest> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true }, (error, z) => (error ? reject(error) : resolve(z!))),
  );
  try {
    return await new Promise<Manifest>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'levering.json') return zip.readEntry();
        zip.openReadStream(entry, async (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          for await (const chunk of stream!) chunks.push(chunk as Buffer);
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest);
        });
      });
      zip.once('end', () => reject(new Error('levering.json ontbreekt in de levering')));
      zip.once('error', reject);
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

// --- What the fixture leaves out -----------------------------------------------------------

/**
 * The test-BSN pool has ~9,091 valid numbers, so the fixture repeats clients and the
 * pseudonymiser's per-BSN cache saves almost every HMAC. A real export has ~0.3 distinct clients
 * per row (300k in a million): this times that many cache misses (and the cache's heap) on a fresh
 * pseudonymiser. Any 9 digits are accepted (the 11-proef is checked earlier, in normaliseBsn).
 * It counts all of them as extra, although deliver already paid for ~9k: a slight overestimate.
 */
function measureDistinctClients(count: number): { seconds: number; heapMib: number } {
  const bsns = Array.from({ length: count }, (_, i) => String(100_000_000 + i)); // distinct, 9 digits up to 900 million
  const gc = garbageCollector();
  gc();
  const before = process.memoryUsage().heapUsed;
  const pseudonymiser = createPseudonymiser(createKey());
  const started = performance.now();
  let length = 0;
  for (const bsn of bsns) length += pseudonymiser.client(bsn).length;
  const seconds = elapsed(started);
  gc();
  const heapMib = Math.max(0, process.memoryUsage().heapUsed - before) / 2 ** 20;
  // Used after the measurement, so its cache is still reachable when the heap is read.
  if (length !== count * 32 || pseudonymiser.client(bsns[0]!).length !== 32) throw new Error('unexpected pseudonym length');
  return { seconds, heapMib };
}

/**
 * A full collection, so the heap figure is what the cache retains rather than whatever garbage
 * happens to be around (without it the delta swung from ~75 MiB to 0 between runs). `npm run bench`
 * starts Node without --expose-gc; the flag can still be set at run time and `gc` fetched from a
 * fresh context.
 */
function garbageCollector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

// --- Profile (optional, untimed) -----------------------------------------------------------

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

/** Self time per function and per source file, from the .cpuprofile Node writes at exit. */
function summariseProfile(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!;
    const micros = profile.timeDeltas[i] ?? 0;
    const source = frame.url ? shortUrl(frame.url) : '';
    const name = `${frame.functionName || '(anonymous)'}${source ? ` ${source}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    const fileKey = source || frame.functionName || '(native)';
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + micros);
    total += micros;
  });
  const list = (map: Map<string, number>): string =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `  ${(micros / 1e6).toFixed(2).padStart(7)} s ${((micros / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
      .join('\n');
  return `Self time per functie / function (top ${top}, totaal ${(total / 1e6).toFixed(1)} s):\n${list(byFunction)}\n` +
    `Self time per bestand / file (top ${top}):\n${list(byFile)}`;
}

function shortUrl(url: string): string {
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}

async function profileDeliver(dir: string, deliverArgs: (out: string) => string[]): Promise<string> {
  const profileDir = path.join(dir, 'profile');
  requireOk('deliver (profiel)', await cli(deliverArgs(path.join(dir, 'profiled.zip')), ['--cpu-prof', '--cpu-prof-dir', profileDir]));
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('geen .cpuprofile geschreven');
  return summariseProfile(path.join(profileDir, file), 15);
}

// --- Report --------------------------------------------------------------------------------

type Figures = {
  rows: number;
  exportMib: number;
  floorSeconds: number;
  floorRowsPerSecond: number;
  /** The floor's decode + parse alone, to show the share of its one createHmac per row. */
  floorWithoutHmacSeconds: number;
  deliverSeconds: number;
  deliverRowsPerSecond: number;
  ratio: number;
  ratioToFloorWithoutHmac: number;
  peakRssMib: number;
  peakRssMethod: string;
  peakRssCrossCheckMib: number | null;
  keyDerivationSecondsEstimate: number;
  rowsRead: number;
  rowsDelivered: number;
  rowsExcluded: number;
  verifyExitCode: number;
  /** 1-minute load average just before the floor and the deliver run: other work on the machine skews both. */
  loadAverage: { floor: number; deliver: number };
  extraDistinctClients: { clients: number; seconds: number; heapMib: number };
  adjusted: { deliverSeconds: number; ratio: number; peakRssMib: number };
};

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

function printTable(f: Figures): void {
  const rows: [string, string, string][] = [
    ['Rijen in export / rows', f.rows.toLocaleString('en'), ''],
    ['Exportbestand / export size', `${f.exportMib.toFixed(0)} MiB`, ''],
    ['Vloer / floor (decode+parse+HMAC)', `${f.floorSeconds.toFixed(2)} s  (${rate(f.floorRowsPerSecond)})`, ''],
    ['  waarvan / of which decode+parse', `${f.floorWithoutHmacSeconds.toFixed(2)} s  (HMAC ≈ ${(f.floorSeconds - f.floorWithoutHmacSeconds).toFixed(2)} s)`, ''],
    ['Levering / deliver (wall clock)', `${f.deliverSeconds.toFixed(2)} s  (${rate(f.deliverRowsPerSecond)})`, ''],
    ['  waarvan sleutel / of which scrypt (est.)', `≈ ${f.keyDerivationSecondsEstimate.toFixed(2)} s`, ''],
    ['Verhouding / ratio deliver ÷ floor', `${f.ratio.toFixed(2)}×`, `≤ ${TARGET_RATIO}×  ${verdict(f.ratio <= TARGET_RATIO)}`],
    ['  ter info / for reference: ÷ decode+parse', `${f.ratioToFloorWithoutHmac.toFixed(2)}×`, ''],
    ['Piekgeheugen / peak RSS deliver', `${f.peakRssMib.toFixed(0)} MiB`, `< ${TARGET_PEAK_MIB} MiB  ${verdict(f.peakRssMib < TARGET_PEAK_MIB)}`],
    ['Rijen gelezen / rows read', f.rowsRead.toLocaleString('en'), ''],
    ['Rijen geleverd / rows delivered', f.rowsDelivered.toLocaleString('en'), ''],
    ['Rijen uitgesloten / rows excluded', f.rowsExcluded.toLocaleString('en'), ''],
    ['Belasting / load avg (1 min) floor, deliver', `${f.loadAverage.floor.toFixed(2)}, ${f.loadAverage.deliver.toFixed(2)} (${os.cpus().length} cpus)`, ''],
    ['verify', f.verifyExitCode === 0 ? 'exit 0 (in orde)' : `exit ${f.verifyExitCode}`, ''],
    [`Extra ${f.extraDistinctClients.clients.toLocaleString('en')} distinct clients`, `+${f.extraDistinctClients.seconds.toFixed(2)} s, +≈${f.extraDistinctClients.heapMib.toFixed(0)} MiB heap`, ''],
    ['Geschat / adjusted deliver', `≈ ${f.adjusted.deliverSeconds.toFixed(2)} s`, ''],
    ['Geschat / adjusted ratio', `≈ ${f.adjusted.ratio.toFixed(2)}×`, `≤ ${TARGET_RATIO}×  ${verdict(f.adjusted.ratio <= TARGET_RATIO)}`],
    ['Geschat / adjusted peak RSS', `≈ ${f.adjusted.peakRssMib.toFixed(0)} MiB`, `< ${TARGET_PEAK_MIB} MiB  ${verdict(f.adjusted.peakRssMib < TARGET_PEAK_MIB)}`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${'Meting / measure'.padEnd(w0)}  ${'Waarde / value'.padEnd(w1)}  Doel / target`);
  console.log('-'.repeat(w0 + w1 + 24));
  for (const [label, value, target] of rows) console.log(`${label.padEnd(w0)}  ${value.padEnd(w1)}  ${target}`.trimEnd());
  console.log(`\nPiekgeheugen gemeten met / peak RSS via: ${f.peakRssMethod}` +
    (f.peakRssCrossCheckMib === null ? '' : ` (controle / cross-check, maxRSS at exit: ${f.peakRssCrossCheckMib.toFixed(0)} MiB)`));
  console.log(`\nLet op / note: ${HONESTY_NOTE}\n`);
}

const HONESTY_NOTE =
  'The test-BSN pool has only ~9,091 distinct valid BSNs, so this fixture has few distinct clients and the ' +
  "pseudonymiser's per-BSN cache lets deliver skip almost every HMAC; a real export has ~300k distinct clients " +
  'per 1e6 rows. The "adjusted" figures add the separately timed cost of 0.3 distinct client pseudonyms per row ' +
  '(time and approximate heap) to the measured deliver run; they are estimates, not measurements. ' +
  'The floor is dominated by its one createHmac per row (OpenSSL 3 per-call set-up); deliver uses a prepared ' +
  'HMAC, so "deliver / decode+parse" is given for reference. ' +
  'De testpool kent maar ~9.091 geldige BSN’s: de “geschatte” cijfers tellen de kosten van 0,3 unieke cliënt per rij erbij.';

function rate(rowsPerSecond: number): string {
  return `${Math.round(rowsPerSecond).toLocaleString('en')} rows/s`;
}

/** Small and fixed in shape, so a committed copy shows only the figures changing. */
function writeResults(f: Figures): void {
  const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
  const cpus = os.cpus();
  const json = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cpus: cpus.length,
      totalMemMib: Math.round(os.totalmem() / 2 ** 20),
      platform: `${process.platform}-${process.arch}`,
    },
    node: process.version,
    rows: f.rows,
    figures: {
      exportMib: round(f.exportMib, 0),
      floorSeconds: round(f.floorSeconds),
      floorRowsPerSecond: Math.round(f.floorRowsPerSecond),
      floorWithoutHmacSeconds: round(f.floorWithoutHmacSeconds),
      deliverSeconds: round(f.deliverSeconds),
      deliverRowsPerSecond: Math.round(f.deliverRowsPerSecond),
      keyDerivationSecondsEstimate: round(f.keyDerivationSecondsEstimate),
      ratio: round(f.ratio),
      ratioToFloorWithoutHmac: round(f.ratioToFloorWithoutHmac),
      peakRssMib: round(f.peakRssMib, 0),
      peakRssMethod: f.peakRssMethod,
      rowsRead: f.rowsRead,
      rowsDelivered: f.rowsDelivered,
      rowsExcluded: f.rowsExcluded,
      verifyExitCode: f.verifyExitCode,
      loadAverage: { floor: round(f.loadAverage.floor), deliver: round(f.loadAverage.deliver) },
      extraDistinctClients: {
        clients: f.extraDistinctClients.clients,
        seconds: round(f.extraDistinctClients.seconds),
        heapMib: round(f.extraDistinctClients.heapMib, 0),
      },
      adjusted: {
        deliverSeconds: round(f.adjusted.deliverSeconds),
        ratio: round(f.adjusted.ratio),
        peakRssMib: round(f.adjusted.peakRssMib, 0),
      },
    },
    targets: {
      maxRatio: TARGET_RATIO,
      maxPeakRssMib: TARGET_PEAK_MIB,
      ratio: verdict(f.ratio <= TARGET_RATIO),
      peakRss: verdict(f.peakRssMib < TARGET_PEAK_MIB),
      adjustedRatio: verdict(f.adjusted.ratio <= TARGET_RATIO),
      adjustedPeakRss: verdict(f.adjusted.peakRssMib < TARGET_PEAK_MIB),
    },
    note: HONESTY_NOTE,
  };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
}

// --- Main ----------------------------------------------------------------------------------

async function main(options: Options): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wm-deliver-bench-'));
  try {
    step(`Export van ${options.rows.toLocaleString('en')} rijen en tabellen maken in ${dir} …`);
    const inputs = await prepareInputs(dir, options.rows);
    const exportMib = statSync(inputs.exportFile).size / 2 ** 20;
    step(`Klaar in ${inputs.seconds.toFixed(1)} s (${exportMib.toFixed(0)} MiB). Vloer meten …`);

    const loadBeforeFloor = os.loadavg()[0]!;
    const floor = await measureFloor(inputs.exportFile);
    if (floor.rows !== options.rows) throw new Error(`vloer las ${floor.rows} rijen, verwacht ${options.rows}`);
    const parseOnly = await measureFloor(inputs.exportFile, false);
    step(`Vloer: ${floor.seconds.toFixed(2)} s, zonder HMAC ${parseOnly.seconds.toFixed(2)} s. Sleutel maken …`);

    const keyFile = path.join(dir, 'bench.wmkey');
    requireOk('key create', await cli(['key', 'create', '--out', keyFile]));
    const deliverArgs = (out: string): string[] => [
      'deliver', '--key', keyFile, '--gemeente', GEMEENTE, '--period', PERIOD, '--products', inputs.products,
      '--areas', inputs.areas, '--data', path.join(dir, `data-${path.basename(out, '.zip')}`), '--out', out, inputs.exportFile,
    ];

    step('deliver uitvoeren (gemeten) …');
    const zipFile = path.join(dir, 'levering.zip');
    const loadBeforeDeliver = os.loadavg()[0]!;
    const { result: delivered, peak } = await cliWithPeak(dir, deliverArgs(zipFile), gnuTimeWorks(dir));
    requireOk('deliver', delivered);
    step(`deliver: ${delivered.seconds.toFixed(2)} s. verify …`);

    const verified = await cli(['verify', zipFile]);
    requireOk('verify', verified);
    const manifest = await readManifest(zipFile);

    step('Sleutelafleiding en unieke cliënten timen …');
    const keyDerivation = await measureKeyDerivation(keyFile);
    const distinctClients = Math.round(options.rows * REAL_DISTINCT_CLIENTS_PER_ROW);
    const extra = measureDistinctClients(distinctClients);

    const adjustedSeconds = delivered.seconds + extra.seconds;
    const figures: Figures = {
      rows: options.rows,
      exportMib,
      floorSeconds: floor.seconds,
      floorRowsPerSecond: floor.rows / floor.seconds,
      floorWithoutHmacSeconds: parseOnly.seconds,
      deliverSeconds: delivered.seconds,
      deliverRowsPerSecond: options.rows / delivered.seconds,
      ratio: delivered.seconds / floor.seconds,
      ratioToFloorWithoutHmac: delivered.seconds / parseOnly.seconds,
      peakRssMib: peak.mib,
      peakRssMethod: peak.method,
      peakRssCrossCheckMib: peak.crossCheckMib,
      keyDerivationSecondsEstimate: keyDerivation,
      rowsRead: manifest.kwaliteit.rijen_gelezen ?? Number.NaN,
      rowsDelivered: manifest.bestanden['voorzieningen.csv']?.rijen ?? Number.NaN,
      rowsExcluded: manifest.kwaliteit.rijen_uitgesloten ?? Number.NaN,
      verifyExitCode: verified.code ?? -1,
      loadAverage: { floor: loadBeforeFloor, deliver: loadBeforeDeliver },
      extraDistinctClients: { clients: distinctClients, ...extra },
      adjusted: { deliverSeconds: adjustedSeconds, ratio: adjustedSeconds / floor.seconds, peakRssMib: peak.mib + extra.heapMib },
    };
    printTable(figures);
    writeResults(figures);
    console.log(`Resultaat geschreven naar ${path.relative(ROOT, RESULTS_FILE)}`);

    if (options.profile) {
      step('Profiel: deliver nog eens onder --cpu-prof (niet meegeteld) …');
      console.log(await profileDeliver(dir, deliverArgs));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main(readOptions(process.argv.slice(2)));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error('Gebruik: npm run bench -- [--rows N] [--profile]');
  process.exitCode = 1;
}
