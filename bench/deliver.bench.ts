/**
 * The delivery benchmark (`npm run bench`, options after `--`):
 *
 *   node bench/deliver.bench.ts [--rows N] [--clients N] [--runs N] [--no-import] [--profile]
 *
 *   --rows N     rows in the generated GM9903 export (default 1,000,000); try 100000 first
 *   --clients N  distinct clients (valid BSNs) in it (default 333,000; see syntheticClients.ts)
 *   --runs N     measure floor, deliver and import N times each, interleaved; medians are
 *                reported (default 1; the machine is shared, so 3 when it matters)
 *   --no-import  skip the store import (`import.run`)
 *   --profile    afterwards, run deliver once more (untimed) under `node --cpu-prof` and print
 *                the functions with the most self time
 *
 * One run: generates a Windows-1252 client export (fixtures/exports.ts) plus GM9903's product
 * and area tables in a temp folder and gives it N distinct synthetic clients (held in memory,
 * written only to that temp export, deleted afterwards); measures the FLOOR (decode cp1252 +
 * PapaParse into row objects + one createHmac per row of the BSN column — the least work any
 * delivery must do), the floor without the HMAC, and the floor hashing each row with one prepared
 * key state instead of createHmac; runs the real CLI `deliver` as a child process (wall clock,
 * CPU seconds and that process's own peak RSS) and checks its result with `verify`; and
 * runs the app's store import (`importBatch`, what `import.run` calls; bench/importRun.ts) the
 * same way. Floor and candidates run in the same process tree, interleaved, so the machine's load
 * hits both: the ratios are what to read. Prints a table and writes bench/results/latest.json
 * (meant to be committed as the last measured result). Performance lives here, never as timing
 * assertions in tests.
 */
import { createHmac, scrypt } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import yauzl from 'yauzl';
import { writeClientExport } from '../fixtures/exports.ts';
import { generateFixtures } from '../fixtures/generate.ts';
import { createKey, preparedHmac } from '../src/core/pseudonym/wm1.ts';
import { cli as runCli, cliWithPeak as runCliWithPeak, elapsed, gnuTimeWorks, median, requireOk, ROOT, step, type Peak, type Run } from './measure.ts';
import { replaceTestBsns, syntheticBsns } from './syntheticClients.ts';

const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'latest.json');

const GEMEENTE = 'GM9903';
const PERIOD = '2026Q3';
const SEED = 20261;
/** The fixtures' own scale for the product and area tables; only those two files are used. */
const TABLE_ROWS = 1000;
const PASSPHRASE = 'benchmark-wachtwoordzin-2026';

const TARGET_RATIO = 1.5; // issue 17: a delivery (and an import) may cost at most 1.5× the floor
const TARGET_PEAK_MIB = 1024; // and stay under 1 GiB resident
const IMPORT_ENTRY = path.join(ROOT, 'bench', 'importRun.ts');
/** The app's CSV reader reads 1 MiB at a time; the floor does the same so it is not handicapped. */
const READ_CHUNK = 1024 * 1024;

type FloorHmac = 'createHmac' | 'prepared' | 'none';

type Options = { rows: number; clients: number; runs: number; importRun: boolean; profile: boolean };

const cli = (args: readonly string[], nodeFlags: readonly string[] = []): Promise<Run> => runCli(args, nodeFlags, { WIJKMONITOR_PASSPHRASE: PASSPHRASE });
const cliWithPeak = (dir: string, args: readonly string[], useGnuTime: boolean, entry?: string) => runCliWithPeak(dir, args, useGnuTime, { WIJKMONITOR_PASSPHRASE: PASSPHRASE }, entry);

type Manifest = { bestanden: Record<string, { rijen: number }>; kwaliteit: Record<string, number>; sleutel: string };

// --- Options -------------------------------------------------------------------------------

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: { rows: { type: 'string' }, clients: { type: 'string' }, runs: { type: 'string' }, 'no-import': { type: 'boolean' }, profile: { type: 'boolean' } },
    strict: true,
  });
  const count = (name: string, text: string | undefined, fallback: number): number => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} verwacht een positief geheel getal, kreeg "${text}"`);
    return value;
  };
  return {
    rows: count('rows', values.rows, 1_000_000),
    clients: count('clients', values.clients, 333_000),
    runs: count('runs', values.runs, 1),
    importRun: values['no-import'] !== true,
    profile: values.profile === true,
  };
}

// --- Inputs --------------------------------------------------------------------------------

type Inputs = { exportFile: string; products: string; areas: string; seconds: number; replaced: number };

async function prepareInputs(dir: string, rows: number, clients: number): Promise<Inputs> {
  const started = performance.now();
  // generateFixtures writes all three gemeenten at a small size; only GM9903's tables are used.
  const tablesDir = path.join(dir, 'tables');
  await generateFixtures({ seed: SEED, rows: TABLE_ROWS, outDir: tablesDir });
  const exportFile = path.join(dir, `export_${PERIOD}.csv`);
  await writeClientExport({ gemeente: GEMEENTE, dialect: 'csv-cp1252', rows, seed: SEED, period: PERIOD, path: exportFile });
  // In memory only; the one file they reach is this temp export, removed with `dir`.
  const replaced = await replaceTestBsns(exportFile, syntheticBsns(clients, SEED));
  return {
    replaced,
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
 * With `'none'` the same pass without hashing: it shows how much of the floor is createHmac
 * (a lot: OpenSSL 3 makes every createHmac call pay a set-up, see nodejs/performance#72; on this
 * machine Node 24's createHmac costs about four times Node 20's). With `'prepared'` every row is
 * hashed with one prepared key state (two one-shot SHA-256 calls, what the app does per distinct
 * BSN): the floor without createHmac's set-up, the strictest reference for the ratios.
 */
async function measureFloor(file: string, hmac: FloorHmac = 'createHmac'): Promise<{ seconds: number; rows: number; cpuSeconds: number }> {
  const key = createKey();
  const prepared = preparedHmac(key);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
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
          if (hmac === 'none') continue;
          if (hmac === 'prepared') {
            fold ^= prepared.mac(`wm1|bsn|${row.BSN ?? ''}`).charCodeAt(0);
            continue;
          }
          const digest = createHmac('sha256', key).update(`wm1|bsn|${row.BSN ?? ''}`).digest();
          fold ^= digest[0]!;
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
  const seconds = elapsed(started);
  const cpu = process.cpuUsage(cpuBefore);
  prepared.wipe();
  if (fold < 0) throw new Error('unreachable'); // keeps `fold` observably used
  return { seconds, rows, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
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
  // One profile per thread: the main thread and the record worker (exportRecordsWorker.ts).
  const files = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile')).sort();
  if (files.length === 0) throw new Error('geen .cpuprofile geschreven');
  return files.map((file) => `--- ${file}\n${summariseProfile(path.join(profileDir, file), 15)}`).join('\n');
}


// --- Report --------------------------------------------------------------------------------

type Candidate = { seconds: number; peak: Peak; runs: number[]; cpuSeconds: number | null };

type Figures = {
  rows: number;
  clients: number;
  runs: number;
  exportMib: number;
  floorSeconds: number;
  /** The floor's decode + parse alone, to show the share of its one createHmac per row. */
  floorWithoutHmacSeconds: number;
  floorRuns: number[];
  floorWithoutHmacRuns: number[];
  /** The floor with one prepared key state instead of createHmac per row (see measureFloor). */
  floorPreparedSeconds: number;
  floorPreparedRuns: number[];
  floorPreparedCpuSeconds: number;
  /** CPU seconds (user + system) of the floor's pass, medians: less skewed by other work than the wall clock. */
  floorCpuSeconds: number;
  floorWithoutHmacCpuSeconds: number;
  deliver: Candidate;
  importRun: Candidate | null;
  keyDerivationSecondsEstimate: number;
  rowsRead: number;
  rowsDelivered: number;
  rowsExcluded: number;
  rowsStored: number | null;
  verifyExitCode: number;
  /** 1-minute load average before the first run: other work on the machine skews everything. */
  loadAverage: number;
  /** 1-minute load average before each run. */
  loadAverages: number[];
};

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

function candidateRows(label: string, f: Figures, c: Candidate): [string, string, string][] {
  const ratio = c.seconds / f.floorSeconds;
  return [
    [`${label} (wall clock)`, `${c.seconds.toFixed(2)} s  (${rate(f.rows / c.seconds)})${f.runs > 1 ? `  runs ${c.runs.map((s) => s.toFixed(1)).join(', ')}` : ''}`, ''],
    [`  ÷ floor`, `${ratio.toFixed(2)}×`, `≤ ${TARGET_RATIO}×  ${verdict(ratio <= TARGET_RATIO)}`],
    [`  ÷ floor without HMAC`, `${(c.seconds / f.floorWithoutHmacSeconds).toFixed(2)}×`, ''],
    [`  ÷ floor with prepared HMAC`, `${(c.seconds / f.floorPreparedSeconds).toFixed(2)}×`, ''],
    [`  peak RSS`, `${c.peak.mib.toFixed(0)} MiB`, `≤ ${TARGET_PEAK_MIB} MiB  ${verdict(c.peak.mib <= TARGET_PEAK_MIB)}`],
    ...(c.cpuSeconds === null
      ? []
      : ([[`  CPU s (user+sys), ÷ floor CPU / without HMAC / prepared HMAC`, `${c.cpuSeconds.toFixed(1)} s, ${(c.cpuSeconds / f.floorCpuSeconds).toFixed(2)}× / ${(c.cpuSeconds / f.floorWithoutHmacCpuSeconds).toFixed(2)}× / ${(c.cpuSeconds / f.floorPreparedCpuSeconds).toFixed(2)}×`, '']] as [string, string, string][])),
  ];
}

function printTable(f: Figures): void {
  const rows: [string, string, string][] = [
    ['Rijen in export / rows', f.rows.toLocaleString('en'), ''],
    ['Unieke cliënten / distinct clients', f.clients.toLocaleString('en'), ''],
    ['Exportbestand / export size', `${f.exportMib.toFixed(0)} MiB`, ''],
    ['Vloer / floor (decode+parse+HMAC)', `${f.floorSeconds.toFixed(2)} s  (${rate(f.rows / f.floorSeconds)})${f.runs > 1 ? `  runs ${f.floorRuns.map((s) => s.toFixed(1)).join(', ')}` : ''}`, ''],
    ['Vloer zonder HMAC / floor without HMAC', `${f.floorWithoutHmacSeconds.toFixed(2)} s  (${rate(f.rows / f.floorWithoutHmacSeconds)})`, ''],
    ['Vloer met voorbereide HMAC / floor with prepared HMAC', `${f.floorPreparedSeconds.toFixed(2)} s  (${rate(f.rows / f.floorPreparedSeconds)})`, ''],
    ['  CPU s floor / without HMAC / prepared HMAC', `${f.floorCpuSeconds.toFixed(1)} s / ${f.floorWithoutHmacCpuSeconds.toFixed(1)} s / ${f.floorPreparedCpuSeconds.toFixed(1)} s`, ''],
    ...candidateRows('deliver', f, f.deliver),
    ['  waarvan sleutel / of which scrypt (est.)', `≈ ${f.keyDerivationSecondsEstimate.toFixed(2)} s`, ''],
    ...(f.importRun ? candidateRows('import.run (store)', f, f.importRun) : []),
    ['Rijen gelezen / rows read', f.rowsRead.toLocaleString('en'), ''],
    ['Rijen geleverd / rows delivered', f.rowsDelivered.toLocaleString('en'), ''],
    ['Rijen uitgesloten / rows excluded', f.rowsExcluded.toLocaleString('en'), ''],
    ...(f.rowsStored === null ? [] : ([['Rijen opgeslagen / rows stored', f.rowsStored.toLocaleString('en'), '']] as [string, string, string][])),
    ['Belasting / load avg (1 min) before each run', `${f.loadAverages.map((l) => l.toFixed(1)).join(', ')} (${os.cpus().length} cpus)`, ''],
    ['verify', f.verifyExitCode === 0 ? 'exit 0 (in orde)' : `exit ${f.verifyExitCode}`, ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${'Meting / measure'.padEnd(w0)}  ${'Waarde / value'.padEnd(w1)}  Doel / target`);
  console.log('-'.repeat(w0 + w1 + 24));
  for (const [label, value, target] of rows) console.log(`${label.padEnd(w0)}  ${value.padEnd(w1)}  ${target}`.trimEnd());
  console.log(`\nPiekgeheugen gemeten met / peak RSS via: ${f.deliver.peak.method}`);
  console.log(`\nLet op / note: ${HONESTY_NOTE}\n`);
}

const HONESTY_NOTE =
  'Distinct clients are synthetic 9-digit numbers passing the 11-proef outside the 9999 test range, made in memory for ' +
  'this run and written only to the temporary export. The floor hashes every row with createHmac (no cache); deliver and ' +
  'the import cache one pseudonym per distinct BSN. Floor and candidates run interleaved in one process tree on a shared ' +
  'machine: read the ratios, not the seconds. De cliëntnummers zijn synthetisch en bestaan alleen tijdens de meting.';

function rate(rowsPerSecond: number): string {
  return `${Math.round(rowsPerSecond).toLocaleString('en')} rows/s`;
}

/** Small and fixed in shape, so a committed copy shows only the figures changing. */
function writeResults(f: Figures): void {
  const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
  const cpus = os.cpus();
  const candidate = (c: Candidate) => ({
    seconds: round(c.seconds),
    runs: c.runs.map((s) => round(s)),
    rowsPerSecond: Math.round(f.rows / c.seconds),
    ratio: round(c.seconds / f.floorSeconds),
    ratioToFloorWithoutHmac: round(c.seconds / f.floorWithoutHmacSeconds),
    ratioToFloorWithPreparedHmac: round(c.seconds / f.floorPreparedSeconds),
    cpuRatio: c.cpuSeconds === null ? null : round(c.cpuSeconds / f.floorCpuSeconds),
    cpuRatioToFloorWithoutHmac: c.cpuSeconds === null ? null : round(c.cpuSeconds / f.floorWithoutHmacCpuSeconds),
    cpuRatioToFloorWithPreparedHmac: c.cpuSeconds === null ? null : round(c.cpuSeconds / f.floorPreparedCpuSeconds),
    peakRssMib: round(c.peak.mib, 0),
    ratioTarget: verdict(c.seconds / f.floorSeconds <= TARGET_RATIO),
    peakTarget: verdict(c.peak.mib <= TARGET_PEAK_MIB),
    cpuSeconds: c.cpuSeconds === null ? null : round(c.cpuSeconds),
  });
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
    clients: f.clients,
    runs: f.runs,
    figures: {
      exportMib: round(f.exportMib, 0),
      floorSeconds: round(f.floorSeconds),
      floorRuns: f.floorRuns.map((s) => round(s)),
      floorRowsPerSecond: Math.round(f.rows / f.floorSeconds),
      floorWithoutHmacSeconds: round(f.floorWithoutHmacSeconds),
      floorWithoutHmacRuns: f.floorWithoutHmacRuns.map((s) => round(s)),
      floorCpuSeconds: round(f.floorCpuSeconds),
      floorWithoutHmacCpuSeconds: round(f.floorWithoutHmacCpuSeconds),
      floorPreparedSeconds: round(f.floorPreparedSeconds),
      floorPreparedRuns: f.floorPreparedRuns.map((s) => round(s)),
      floorPreparedCpuSeconds: round(f.floorPreparedCpuSeconds),
      deliver: candidate(f.deliver),
      importRun: f.importRun ? candidate(f.importRun) : null,
      keyDerivationSecondsEstimate: round(f.keyDerivationSecondsEstimate),
      peakRssMethod: f.deliver.peak.method,
      rowsRead: f.rowsRead,
      rowsDelivered: f.rowsDelivered,
      rowsExcluded: f.rowsExcluded,
      rowsStored: f.rowsStored,
      verifyExitCode: f.verifyExitCode,
      loadAverage: round(f.loadAverage),
      loadAverages: f.loadAverages.map((l) => round(l)),
    },
    targets: { maxRatio: TARGET_RATIO, maxPeakRssMib: TARGET_PEAK_MIB },
    note: HONESTY_NOTE,
  };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
}

// --- Main ----------------------------------------------------------------------------------

async function main(options: Options): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wm-deliver-bench-'));
  try {
    step(`Export van ${options.rows.toLocaleString('en')} rijen, ${options.clients.toLocaleString('en')} cliënten, en tabellen maken in ${dir} …`);
    const inputs = await prepareInputs(dir, options.rows, options.clients);
    const exportMib = statSync(inputs.exportFile).size / 2 ** 20;
    step(`Klaar in ${inputs.seconds.toFixed(1)} s (${exportMib.toFixed(0)} MiB, ${inputs.replaced.toLocaleString('en')} BSN's vervangen). Sleutel maken …`);

    const keyFile = path.join(dir, 'bench.wmkey');
    requireOk('key create', await cli(['key', 'create', '--out', keyFile]));
    const deliverArgs = (out: string): string[] => [
      'deliver', '--key', keyFile, '--gemeente', GEMEENTE, '--period', PERIOD, '--products', inputs.products,
      '--areas', inputs.areas, '--data', path.join(dir, `data-${path.basename(out, '.zip')}`), '--out', out, inputs.exportFile,
    ];
    const useGnuTime = gnuTimeWorks(dir);
    const loadAverage = os.loadavg()[0]!;
    const floorRuns: number[] = [];
    const bareRuns: number[] = [];
    const floorCpu: number[] = [];
    const bareCpu: number[] = [];
    const preparedRuns: number[] = [];
    const preparedCpu: number[] = [];
    const loadAverages: number[] = [];
    const deliverRuns: { seconds: number; peak: Peak }[] = [];
    const importRuns: { seconds: number; peak: Peak }[] = [];
    let zipFile = '';
    let rowsStored: number | null = null;
    for (let run = 1; run <= options.runs; run++) {
      loadAverages.push(os.loadavg()[0]!);
      step(`Ronde ${run}/${options.runs} (belasting ${loadAverages.at(-1)!.toFixed(1)}): vloer …`);
      const floor = await measureFloor(inputs.exportFile);
      if (floor.rows !== options.rows) throw new Error(`vloer las ${floor.rows} rijen, verwacht ${options.rows}`);
      floorRuns.push(floor.seconds);
      floorCpu.push(floor.cpuSeconds);
      const bare = await measureFloor(inputs.exportFile, 'none');
      bareRuns.push(bare.seconds);
      bareCpu.push(bare.cpuSeconds);
      const preparedFloor = await measureFloor(inputs.exportFile, 'prepared');
      preparedRuns.push(preparedFloor.seconds);
      preparedCpu.push(preparedFloor.cpuSeconds);
      step(`Vloer ${floor.seconds.toFixed(2)} s, zonder HMAC ${bare.seconds.toFixed(2)} s, voorbereide HMAC ${preparedFloor.seconds.toFixed(2)} s. deliver …`);
      zipFile = path.join(dir, `levering-${run}.zip`);
      const { result: delivered, peak } = await cliWithPeak(dir, deliverArgs(zipFile), useGnuTime);
      requireOk('deliver', delivered);
      deliverRuns.push({ seconds: delivered.seconds, peak });
      step(`deliver ${delivered.seconds.toFixed(2)} s, ${peak.mib.toFixed(0)} MiB.`);
      if (options.importRun) {
        const store = path.join(dir, `store-${run}.sqlite`);
        const { result: imported, peak: importPeak } = await cliWithPeak(dir, [inputs.exportFile, store, PERIOD], useGnuTime, IMPORT_ENTRY);
        requireOk('import.run', imported);
        rowsStored = (JSON.parse(imported.stdout) as { rijenIngelezen: number }).rijenIngelezen;
        importRuns.push({ seconds: imported.seconds, peak: importPeak });
        rmSync(store, { force: true });
        step(`import.run ${imported.seconds.toFixed(2)} s, ${importPeak.mib.toFixed(0)} MiB.`);
      }
      if (run < options.runs) rmSync(zipFile, { force: true });
    }
    const verified = await cli(['verify', zipFile]);
    requireOk('verify', verified);
    const manifest = await readManifest(zipFile);
    const keyDerivation = await measureKeyDerivation(keyFile);
    const summarise = (list: { seconds: number; peak: Peak }[]): Candidate => ({
      seconds: median(list.map((r) => r.seconds)),
      runs: list.map((r) => r.seconds),
      // The worst peak of the runs, not a median: the limit holds for every run.
      peak: list.reduce((worst, r) => (r.peak.mib > worst.mib ? r.peak : worst), list[0]!.peak),
      cpuSeconds: list.every((r) => r.peak.cpuSeconds !== null) ? median(list.map((r) => r.peak.cpuSeconds!)) : null,
    });

    const figures: Figures = {
      rows: options.rows,
      clients: options.clients,
      runs: options.runs,
      exportMib,
      floorSeconds: median(floorRuns),
      floorWithoutHmacSeconds: median(bareRuns),
      floorRuns,
      floorWithoutHmacRuns: bareRuns,
      floorCpuSeconds: median(floorCpu),
      floorWithoutHmacCpuSeconds: median(bareCpu),
      floorPreparedSeconds: median(preparedRuns),
      floorPreparedRuns: preparedRuns,
      floorPreparedCpuSeconds: median(preparedCpu),
      deliver: summarise(deliverRuns),
      importRun: importRuns.length > 0 ? summarise(importRuns) : null,
      keyDerivationSecondsEstimate: keyDerivation,
      rowsRead: manifest.kwaliteit.rijen_gelezen ?? Number.NaN,
      rowsDelivered: manifest.bestanden['voorzieningen.csv']?.rijen ?? Number.NaN,
      rowsExcluded: manifest.kwaliteit.rijen_uitgesloten ?? Number.NaN,
      rowsStored,
      verifyExitCode: verified.code ?? -1,
      loadAverage,
      loadAverages,
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
  console.error('Gebruik: npm run bench -- [--rows N] [--clients N] [--runs N] [--no-import] [--profile]');
  process.exitCode = 1;
}
