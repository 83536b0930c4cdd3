/**
 * The analyst intake benchmark (`npm run bench:central`, options after `--`):
 *
 *   node bench/central-import.bench.ts [--gemeenten N] [--rows N] [--keep]
 *
 *   --gemeenten N  gemeenten delivering two quarters each (default 342, every Dutch gemeente)
 *   --rows N       records per delivery (default 7,300: 342 × 2 × 7,300 ≈ 5 M records)
 *
 * Generates the deliveries (levering v1 zips, seeded), then runs the real CLI
 * `central import --db DIR` on all of them at once as a child process and reports its wall clock,
 * its peak RSS (the kernel's high-water mark, see measure.ts) and the Parquet written. Memory must
 * stay bounded by one delivery's work, not grow with the number of deliveries. Results go to
 * bench/results/central-import.json.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { csvChunk, UTF8_BOM } from '../src/core/delivery/csvChunk.ts';
import { DELIVERY_FILE_COLUMNS, DELIVERY_FILES } from '../src/core/delivery/deliveryManifest.ts';
import { DELIVERY_COLUMNS, deliveryRow } from '../src/core/delivery/deliveryRecord.ts';
import { rec } from '../src/core/indicators/indicatorTestKit.ts';
import { parsePeriode } from '../src/core/period/periode.ts';
import { cliWithPeak, elapsed, gnuTimeWorks, requireOk, ROOT, step } from './measure.ts';
import { Random } from '../fixtures/random.ts';

const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'central-import.json');
const PERIODEN = ['2026Q2', '2026Q3'].map(parsePeriode);
const PIJLERS = ['WMO', 'JW', 'PW', 'SHV'];

/** The fixtures' seeded generator: the same data on every run and machine. */
function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.next();
}

async function writeDelivery(dir: string, gemeente: string, p: (typeof PERIODEN)[number], rows: number, seed: number): Promise<string> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const records = Array.from({ length: rows }, (_, i) => {
    const client = createHash('md5').update(`${gemeente}|${Math.floor(i * 0.6)}`).digest('hex');
    const pijler = pick(PIJLERS);
    return deliveryRow(
      rec({
        client,
        huishouden: createHash('md5').update(`h|${client}`).digest('hex'),
        leeftijd: Math.floor(next() * 95),
        wijk: `WK${gemeente.slice(2)}${String(Math.floor(next() * 12)).padStart(2, '0')}`,
        pc4: String(1000 + Math.floor(next() * 8999)),
        pijler,
        productcode: `${pijler}${Math.floor(next() * 30)}`,
        product: `Product ${pijler}`,
        voorziening: pijler === 'JW' ? 'JW-45' : 'WMO-02',
        begindatum: `2026-0${1 + Math.floor(next() * 6)}-1${Math.floor(next() * 9)}`,
        einddatum: next() < 0.5 ? null : p.eind,
        aanbieder: String(73000000 + Math.floor(next() * 250)),
        kosten: Math.round(next() * 500_000) / 100,
        volume: Math.floor(next() * 40),
      }),
    );
  });
  const bytes = {
    'voorzieningen.csv': Buffer.from(UTF8_BOM + csvChunk([DELIVERY_COLUMNS, ...records]), 'utf8'),
    'producten.csv': Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS['producten.csv']]), 'utf8'),
    'gebieden.csv': Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS['gebieden.csv']]), 'utf8'),
    'kwaliteit.csv': Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS['kwaliteit.csv']]), 'utf8'),
  };
  const manifest = {
    formaat: 'wijkmonitor-levering',
    versie: 1,
    gemeentecode: gemeente,
    gemeentenaam: `Benchgemeente ${gemeente}`,
    periode: p.code,
    periode_begin: p.begin,
    periode_eind: p.eind,
    aangemaakt: '2026-10-05T10:00:00.000Z',
    app_versie: 'bench',
    sleutel: createHash('md5').update(gemeente).digest('hex').slice(0, 16),
    bestanden: Object.fromEntries(DELIVERY_FILES.map((f) => [f, { rijen: f === 'voorzieningen.csv' ? rows : 0, sha256: createHash('sha256').update(bytes[f]).digest('hex') }])),
    kwaliteit: { rijen_ingelezen: rows, postcode_onbekend: 0 },
  };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'levering.json');
  for (const f of DELIVERY_FILES) zip.addBuffer(bytes[f], f);
  zip.end();
  const file = path.join(dir, `${gemeente}_${p.code}_levering.zip`);
  await finished(zip.outputStream.pipe(createWriteStream(file)));
  return file;
}

const { values } = parseArgs({ options: { gemeenten: { type: 'string' }, rows: { type: 'string' }, keep: { type: 'boolean' } } });
const gemeenten = Number(values.gemeenten ?? 342);
const rows = Number(values.rows ?? 7300);
const work = mkdtempSync(path.join(os.tmpdir(), 'wm-bench-central-'));
try {
  step(`${gemeenten} gemeenten × ${PERIODEN.length} kwartalen × ${rows} rijen genereren in ${work}`);
  const started = performance.now();
  const files: string[] = [];
  for (let g = 0; g < gemeenten; g++) {
    for (const [i, p] of PERIODEN.entries()) files.push(await writeDelivery(work, `GM${String(1000 + g).padStart(4, '0')}`, p, rows, g * 10 + i));
  }
  const zipBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  step(`${files.length} leveringen, ${(zipBytes / 2 ** 20).toFixed(0)} MiB zip, in ${elapsed(started).toFixed(1)} s`);
  const db = path.join(work, 'analist');
  const { result, peak } = await cliWithPeak(work, ['central', 'import', '--db', db, ...files], gnuTimeWorks(work));
  requireOk('central import', result);
  const parquet = (readdirSync(path.join(db, 'records'), { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet'));
  const parquetBytes = parquet.reduce((sum, f) => sum + statSync(path.join(db, 'records', f)).size, 0);
  const total = files.length * rows;
  const summary = {
    measured: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    deliveries: files.length,
    records: total,
    zipMiB: Math.round(zipBytes / 2 ** 20),
    parquetMiB: Math.round(parquetBytes / 2 ** 20),
    seconds: Math.round(result.seconds * 10) / 10,
    recordsPerSecond: Math.round(total / result.seconds),
    peakRssMiB: Math.round(peak.mib),
    peakMethod: peak.method,
  };
  step(JSON.stringify(summary, null, 2));
  if (gemeenten === 342 && rows === 7300) {
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
