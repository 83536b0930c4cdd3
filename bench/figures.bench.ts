/**
 * The indicator benchmark (`npm run bench:figures`, options after `--`):
 *
 *   node bench/figures.bench.ts [--rows N] [--before DIR]
 *
 *   --rows N      records in the generated delivery (default 1,000,000)
 *   --before DIR  a checkout of the code before a change (its node_modules linked or installed):
 *                 its CLI `figures` runs on the same delivery in the same run, just before this
 *                 one's, and the result records both and whether their CSVs are identical
 *   --delivery F  the generated zip is kept as F, and taken from there when it exists (the data
 *                 is seeded, so for the same --rows it is the same file): repeated runs skip
 *                 generating it, and the result says `deliveryReused`
 *
 * Generates one levering-v1 zip of a large gemeente (about 0.3 distinct clients per record,
 * 40 wijken, 4 pillars, 120 products, 250 aanbieders; seeded, so every run sees the same data),
 * then measures in this process each step of the SQL engine on DuckDB — loading the delivery,
 * the period's voorzieningen, the full figures set (as the figures CSV has it: see
 * EXPORT_LEVELS), the aanbiedersanalyse and the informatievragen — and finally the real CLI
 * `figures` end to end as a child process with its peak RSS, against the 30 s the one-pass JS
 * engine took for the same job (the baseline; target at least 3× faster). Results go to
 * bench/results/figures.json (committed as the last measured result).
 *
 * The machine is shared, so a wall clock alone says little: every step also reports its CPU
 * seconds (user + system of this process, DuckDB's threads included; of the child for the CLI,
 * by GNU time), the load average is recorded before and after, and the by-hand DuckDB reference
 * of bench:central (bench/centralReference.ts: unzip, read_csv, distinct clients, voorzieningen
 * and costs per gemeente and wijk for the total, each key and productcode|aanbieder) runs on the
 * same delivery in the same run, so the ratio CLI / reference is comparable between runs.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { csvChunk, UTF8_BOM } from '../src/core/delivery/csvChunk.ts';
import { DELIVERY_COLUMNS, deliveryRow, type DeliveryRecord } from '../src/core/delivery/deliveryRecord.ts';
import { DELIVERY_FILE_COLUMNS, DELIVERY_FILES } from '../src/core/delivery/deliveryManifest.ts';
import { aanbiedersanalyse } from '../src/core/indicators/aanbiedersanalyse.ts';
import { EXPORT_LEVELS } from '../src/core/indicators/figures.ts';
import { informatievragen } from '../src/core/indicators/informatievragen.ts';
import { loadDelivery } from '../src/core/indicators/loadDelivery.ts';
import { withFiguresDuckDb } from '../src/core/indicators/sql/duckSession.ts';
import { streamFiguresSql } from '../src/core/indicators/sql/figuresSql.ts';
import { buildDuckScope, createDuckRecordSet } from '../src/core/indicators/sql/recordTables.ts';
import { parsePeriode } from '../src/core/period/periode.ts';
import { loadReferenceTables } from '../src/core/resources/referenceTables.ts';
import { cliWithPeak, elapsed, gnuTimeWorks, requireOk, ROOT, step } from './measure.ts';
import { Random } from '../fixtures/random.ts';

const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'figures.json');
const PERIODE = parsePeriode('2026Q3');
/** The CLI `figures` on this delivery with the one-pass JS engine (issue 11); the target is a third of it. */
const BASELINE_SECONDS = 30;
const TARGET_SECONDS = BASELINE_SECONDS / 3;
const CLIENTS_PER_RECORD = 0.3;

const PILLARS = [
  { code: 'WMO', share: 0.45, voorzieningen: ['WMO-01', 'WMO-02', 'WMO-03', 'WMO-06'], leefdomein: 'LD02' },
  { code: 'JW', share: 0.3, voorzieningen: ['JW-40', 'JW-44', 'JW-45', 'JW-47'], leefdomein: 'LD07' },
  { code: 'PW', share: 0.15, voorzieningen: ['PW-01', 'PW-02'], leefdomein: 'LD04' },
  { code: 'SHV', share: 0.1, voorzieningen: ['SHV-01'], leefdomein: 'LD03' },
];

/** The fixtures' seeded generator: the same data on every run and machine. */
function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.next();
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function* records(count: number): Generator<DeliveryRecord> {
  const rnd = random(2026_11);
  const clients = Math.round(count * CLIENTS_PER_RECORD);
  const start = Date.parse('2022-01-01');
  const periodBegin = Date.parse(PERIODE.begin);
  const periodEnd = Date.parse(PERIODE.eind);
  const day = 86_400_000;
  for (let i = 0; i < count; i++) {
    // Clients with a low number get more records: a few heavy users, many with one or two.
    const c = Math.floor(clients * rnd() ** 1.6);
    const r = rnd();
    let acc = 0;
    const pillar = PILLARS.find((p) => (acc += p.share) >= r) ?? PILLARS[0]!;
    const product = Math.floor(rnd() * 30);
    const begin = start + Math.floor(rnd() * ((periodEnd - start) / day)) * day;
    const ended = rnd() < 0.4;
    const end = ended ? Math.max(begin, periodBegin) + Math.floor(rnd() * 92) * day : null;
    yield {
      client: `c${c.toString(16).padStart(8, '0')}`,
      huishouden: c % 5 === 0 ? null : `h${Math.floor(c / 1.3).toString(16).padStart(8, '0')}`,
      leeftijd: pillar.code === 'JW' ? Math.floor(rnd() * 23) : 18 + Math.floor(rnd() * 80),
      geslacht: String(1 + (c % 2)),
      pc4: String(9900 + (c % 40)),
      wijk: `WK9903${String(c % 40).padStart(2, '0')}`,
      gebied: `Gebied ${c % 6}`,
      pijler: pillar.code,
      productcode: `${pillar.code}${String(product).padStart(3, '0')}`,
      product: `${pillar.code} product ${product}`,
      categorie: null,
      voorziening: pillar.voorzieningen[product % pillar.voorzieningen.length]!,
      leefdomein: pillar.leefdomein,
      financier: 'gemeente',
      begindatum: isoDay(begin),
      einddatum: end === null ? null : isoDay(Math.min(end, periodEnd)),
      aanbieder: String(73000000 + Math.floor(rnd() * 250)),
      aanbieder_naam: null,
      volume: pillar.code === 'WMO' || pillar.code === 'JW' ? 1 + Math.floor(rnd() * 20) : null,
      eenheid: pillar.code === 'WMO' || pillar.code === 'JW' ? '04' : null,
      frequentie: pillar.code === 'WMO' || pillar.code === 'JW' ? '2' : null,
      kosten: rnd() < 0.85 ? Math.round(rnd() * 500_000) / 100 : null,
      verwijzer: null,
      reden_einde: null,
      aanvraagdatum: rnd() < 0.5 ? isoDay(begin - Math.floor(rnd() * 60) * day) : null,
    };
  }
}

/** A levering-v1 zip written straight from the generator, manifest last (its checksum needs the CSV). */
async function writeDeliveryZip(file: string, count: number): Promise<void> {
  const hash = createHash('sha256');
  function* csv(): Generator<Buffer> {
    let chunk: (string | number)[][] = [DELIVERY_COLUMNS as unknown as string[]];
    let first = true;
    for (const record of records(count)) {
      chunk.push(deliveryRow(record));
      if (chunk.length >= 5000) {
        const bytes = Buffer.from((first ? UTF8_BOM : '') + csvChunk(chunk), 'utf8');
        first = false;
        hash.update(bytes);
        yield bytes;
        chunk = [];
      }
    }
    const bytes = Buffer.from((first ? UTF8_BOM : '') + csvChunk(chunk), 'utf8');
    hash.update(bytes);
    yield bytes;
  }
  const zip = new yazl.ZipFile();
  const written = finished(zip.outputStream.pipe(createWriteStream(file)));
  const source = Readable.from(csv());
  zip.addReadStream(source, 'voorzieningen.csv');
  await finished(source);
  // The other files hold their header only: reading a delivery verifies it, and verify wants the header.
  const empty = (name: (typeof DELIVERY_FILES)[number]) => Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS[name]]), 'utf8');
  const emptySha = (name: (typeof DELIVERY_FILES)[number]) => createHash('sha256').update(empty(name)).digest('hex');
  for (const name of DELIVERY_FILES.filter((f) => f !== 'voorzieningen.csv')) zip.addBuffer(empty(name), name);
  const manifest = {
    formaat: 'wijkmonitor-levering',
    versie: 1,
    gemeentecode: 'GM9903',
    gemeentenaam: 'Benchmarkgemeente',
    periode: PERIODE.code,
    periode_begin: PERIODE.begin,
    periode_eind: PERIODE.eind,
    aangemaakt: new Date().toISOString(),
    app_versie: 'bench',
    sleutel: '0000000000000000',
    bestanden: Object.fromEntries(DELIVERY_FILES.map((f) => [f, f === 'voorzieningen.csv' ? { rijen: count, sha256: hash.digest('hex') } : { rijen: 0, sha256: emptySha(f) }])),
    kwaliteit: {},
  };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'levering.json');
  zip.end();
  await written;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function timed<T>(what: string, work: () => T | Promise<T>): Promise<{ value: T; seconds: number; cpu: number }> {
  const started = performance.now();
  const cpuStart = cpuNow();
  const value = await work();
  const seconds = elapsed(started);
  const cpu = cpuNow() - cpuStart;
  step(`${what}: ${seconds.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`);
  return { value, seconds, cpu };
}

const loadAverage = () => os.loadavg().map((n) => round(n));

async function main(rows: number, before: string | undefined, kept: string | undefined): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wm-figures-bench-'));
  const loadBefore = loadAverage();
  try {
    const zipFile = kept === undefined ? path.join(dir, 'GM9903_2026Q3_levering.zip') : path.resolve(kept);
    const reused = kept !== undefined && existsSync(zipFile);
    const generated = reused ? null : await timed(`Levering van ${rows.toLocaleString('en')} records maken`, () => writeDeliveryZip(zipFile, rows));
    const ref = loadReferenceTables();
    const engine = await withFiguresDuckDb(async (connection, scratch) => {
      const set = await createDuckRecordSet(connection);
      const load = await timed('Levering inlezen (controlesom, waarden, records naar DuckDB)', () => loadDelivery(set, zipFile, { tempDir: scratch }));
      const scope = await timed('Voorzieningen van de periode', () => buildDuckScope(connection, set, PERIODE));
      // In batches, as the CLI writes them: counted, not kept.
      const figures = await timed('Alle indicatoren (als in de cijfers-CSV)', () =>
        streamFiguresSql(connection, { periode: PERIODE, vorige: scope.value.vorige, levels: EXPORT_LEVELS, pijlerVolgorde: ref.pijlers.map((p) => p.code) }, () => undefined),
      );
      const analysis = await timed('Aanbiedersanalyse', () => aanbiedersanalyse(connection));
      const questions = await timed('Informatievragen', () => informatievragen(connection));
      set.close();
      return { load, scope, figures, analysis, questions };
    });
    const { load, scope, figures, analysis, questions } = engine;

    // The code before the change on the same delivery, right before this one's CLI: the same load.
    let previous: { seconds: number; cpuSeconds: number | null; peakRssMib: number; csvSha256: string } | null = null;
    if (before !== undefined) {
      step(`CLI figures van ${before} (de code van vóór de wijziging, eigen proces) …`);
      const beforeOut = path.join(dir, 'cijfers-voor.csv');
      const run = await cliWithPeak(dir, ['figures', '--period', PERIODE.code, '--out', beforeOut, zipFile], gnuTimeWorks(dir), {}, path.join(path.resolve(before), 'bin', 'wijkmonitor.js'));
      requireOk('figures (voor)', run.result);
      previous = { seconds: run.result.seconds, cpuSeconds: run.peak.cpuSeconds, peakRssMib: Math.round(run.peak.mib), csvSha256: createHash('sha256').update(readFileSync(beforeOut)).digest('hex') };
      step(`CLI figures (voor): ${run.result.seconds.toFixed(2)} s (CPU ${run.peak.cpuSeconds?.toFixed(2) ?? '?'} s)`);
    }

    step('CLI figures (gemeten, eigen proces) …');
    const out = path.join(dir, 'cijfers.csv');
    const { result, peak } = await cliWithPeak(dir, ['figures', '--period', PERIODE.code, '--out', out, zipFile], gnuTimeWorks(dir));
    requireOk('figures', result);
    const csvText = readFileSync(out);
    const csvRows = csvText.toString('utf8').split('\r\n').length - 2;
    // The CSV's digest: the same seeded delivery gives the same file, so a change of engine that
    // changes a figure changes this (README, figures benchmark, gives the digest of the oracle's run).
    const csvSha256 = createHash('sha256').update(csvText).digest('hex');
    step(`CLI figures: ${result.seconds.toFixed(2)} s (CPU ${peak.cpuSeconds?.toFixed(2) ?? '?'} s)`);

    step('Referentie met DuckDB met de hand (bench/centralReference.ts, eigen proces) …');
    const referenceOut = path.join(dir, 'referentie.csv');
    const reference = await cliWithPeak(dir, ['--out', referenceOut, '--work', path.join(dir, 'referentie'), zipFile], gnuTimeWorks(dir), {}, path.join(ROOT, 'bench', 'centralReference.ts'));
    requireOk('referentie', reference.result);
    step(`Referentie: ${reference.result.seconds.toFixed(2)} s (CPU ${reference.peak.cpuSeconds?.toFixed(2) ?? '?'} s)`);
    const loadAfter = loadAverage();

    const engineSeconds = scope.seconds + figures.seconds + analysis.seconds + questions.seconds;
    const speedup = BASELINE_SECONDS / result.seconds;
    const results = {
      date: new Date().toISOString(),
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cpus: os.cpus().length, totalMemMib: Math.round(os.totalmem() / 2 ** 20) },
      node: process.version,
      rows,
      /** The zip of an earlier run (--delivery): the same seeded data, not generated in this run. */
      deliveryReused: reused,
      clients: questions.value.clienten,
      deliveryMib: Math.round(statSync(zipFile).size / 2 ** 20),
      loadAverage: { before: loadBefore, after: loadAfter, note: '1, 5 and 15 minute load averages of this 2-core machine' },
      seconds: {
        generate: generated === null ? null : round(generated.seconds),
        loadDelivery: round(load.seconds),
        periodScope: round(scope.seconds),
        figures: round(figures.seconds),
        aanbiedersanalyse: round(analysis.seconds),
        informatievragen: round(questions.seconds),
        engineAfterLoad: round(engineSeconds),
        cliFiguresEndToEnd: round(result.seconds),
        reference: round(reference.result.seconds),
      },
      cpuSeconds: {
        loadDelivery: round(load.cpu),
        periodScope: round(scope.cpu),
        figures: round(figures.cpu),
        aanbiedersanalyse: round(analysis.cpu),
        informatievragen: round(questions.cpu),
        engineAfterLoad: round(scope.cpu + figures.cpu + analysis.cpu + questions.cpu),
        cliFiguresEndToEnd: peak.cpuSeconds === null ? null : round(peak.cpuSeconds),
        reference: reference.peak.cpuSeconds === null ? null : round(reference.peak.cpuSeconds),
      },
      cliVsReference: {
        wall: round(result.seconds / reference.result.seconds),
        cpu: peak.cpuSeconds === null || reference.peak.cpuSeconds === null ? null : round(peak.cpuSeconds / reference.peak.cpuSeconds),
      },
      figures: figures.value,
      figuresCsvRows: csvRows,
      figuresCsvSha256: csvSha256,
      aanbiedersanalyseRows: analysis.value.producten.reduce((n, p) => n + p.aanbieders.length, 0),
      before:
        previous === null
          ? null
          : {
              code: before,
              cliFiguresEndToEnd: { seconds: round(previous.seconds), cpuSeconds: previous.cpuSeconds === null ? null : round(previous.cpuSeconds), peakRssMib: previous.peakRssMib },
              speedup: {
                wall: round(previous.seconds / result.seconds),
                cpu: previous.cpuSeconds === null || peak.cpuSeconds === null ? null : round(previous.cpuSeconds / peak.cpuSeconds),
              },
              csvIdentical: previous.csvSha256 === csvSha256,
            },
      cliPeakRssMib: Math.round(peak.mib),
      peakRssMethod: peak.method,
      baselineSeconds: BASELINE_SECONDS,
      speedupVsBaseline: round(speedup),
      target: { maxSeconds: round(TARGET_SECONDS), cliFiguresEndToEnd: result.seconds <= TARGET_SECONDS ? 'gehaald' : 'NIET gehaald' },
    };
    console.log(JSON.stringify(results, null, 2));
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`Resultaat geschreven naar ${path.relative(ROOT, RESULTS_FILE)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Number(n.toFixed(2));
}

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, before: { type: 'string' }, delivery: { type: 'string' } } });
await main(Number(values.rows), values.before, values.delivery);
