/**
 * The analyst benchmark (`npm run bench:central`, options after `--`):
 *
 *   node bench/central.bench.ts [--gemeenten N] [--scale F] [--keep] [--skip-reference]
 *
 *   --gemeenten N  how many of the 342 gemeenten of CBS 2024 deliver (default all; fewer are taken
 *                  evenly from the list sorted by population, so small runs keep the spread)
 *   --scale F      records per inhabitant × F (default 1: 342 × 2 quarters ≈ 5 M records)
 *
 * Generates two quarters of levering-v1 zips per gemeente, sized by the real CBS 2024 populations
 * (bench/centralDeliveries.ts), then runs, each as a child process with its wall clock, CPU time
 * and peak RSS (the kernel's high-water mark, see measure.ts):
 *   1. `wijkmonitor central import --db DIR` of all zips at once;
 *   2. `wijkmonitor central reference` of the CBS 2024 file (so the export has per-inhabitant
 *      figures; reported, not part of the ratio);
 *   3. `wijkmonitor central export --intern` of the second quarter (the first is its history);
 *   4. the by-hand DuckDB reference (bench/centralReference.ts) over the same zips.
 * Reports the ratio (import + export) / reference. A full-size run writes bench/results/central.json.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parsePeriode } from '../src/core/period/periode.ts';
import { CBS_2024, cbsGemeenten, planGemeente, RECORDS_PER_INHABITANT, writeDelivery } from './centralDeliveries.ts';
import { cliWithPeak, elapsed, gnuTimeWorks, requireOk, ROOT, step, type Peak, type Run } from './measure.ts';

const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'central.json');
const PERIODEN = ['2026Q2', '2026Q3'].map(parsePeriode);
const EXPORT_PERIODE = PERIODEN[1]!;
const SEED = 20261;

const { values } = parseArgs({ options: { gemeenten: { type: 'string' }, scale: { type: 'string' }, keep: { type: 'boolean' }, 'skip-reference': { type: 'boolean' } } });
const all = cbsGemeenten();
const count = Math.min(all.length, Number(values.gemeenten ?? all.length));
const scale = Number(values.scale ?? 1);
const bySize = [...all].sort((a, b) => a.inwoners - b.inwoners);
const chosen = count === all.length ? all : Array.from({ length: count }, (_, i) => bySize[Math.round((i * (bySize.length - 1)) / Math.max(1, count - 1))]!);
const range = { minInwoners: bySize[0]!.inwoners, maxInwoners: bySize[bySize.length - 1]!.inwoners };

const work = mkdtempSync(path.join(os.tmpdir(), 'wm-bench-central-'));
const timed = gnuTimeWorks(work);
const measured = (what: string, run: { result: Run; peak: Peak }) => {
  requireOk(what, run.result);
  step(`${what}: ${run.result.seconds.toFixed(1)} s, CPU ${run.peak.cpuSeconds?.toFixed(1) ?? '?'} s, piek ${run.peak.mib.toFixed(0)} MiB`);
  return { seconds: round1(run.result.seconds), cpuSeconds: run.peak.cpuSeconds === null ? null : round1(run.peak.cpuSeconds), peakRssMiB: Math.round(run.peak.mib) };
};
const round1 = (n: number) => Math.round(n * 10) / 10;
async function fileMd5(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

try {
  step(`${chosen.length} gemeenten × ${PERIODEN.length} kwartalen genereren in ${work} (CBS 2024, schaal ${scale})`);
  let started = performance.now();
  const files: string[] = [];
  let records = 0;
  const aanbieders: number[] = [];
  for (const [g, gemeente] of chosen.entries()) {
    const plan = planGemeente(gemeente, SEED, range, RECORDS_PER_INHABITANT * scale);
    aanbieders.push(plan.aanbiederCount);
    for (const [q, p] of PERIODEN.entries()) {
      const written = await writeDelivery(work, plan, p, q, SEED);
      files.push(written.file);
      records += written.rows;
    }
    if ((g + 1) % 50 === 0) step(`  ${g + 1} gemeenten, ${records} records`);
  }
  const zipBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const generateSeconds = elapsed(started);
  step(`${files.length} leveringen, ${records} records, ${(zipBytes / 2 ** 20).toFixed(0)} MiB zip, in ${generateSeconds.toFixed(1)} s`);

  const db = path.join(work, 'analist');
  const importRun = measured('central import', await cliWithPeak(work, ['central', 'import', '--db', db, ...files], timed));
  const parquet = (readdirSync(path.join(db, 'records'), { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet'));
  const parquetBytes = parquet.reduce((sum, f) => sum + statSync(path.join(db, 'records', f)).size, 0);
  const referenceLoad = measured('central reference (CBS 2024)', await cliWithPeak(work, ['central', 'reference', '--db', db, CBS_2024], timed));
  const out = path.join(work, 'cijfers.csv');
  const exportRaw = await cliWithPeak(work, ['central', 'export', '--db', db, '--period', EXPORT_PERIODE.code, '--out', out, '--intern'], timed);
  const exportRun = measured(`central export --intern ${EXPORT_PERIODE.code}`, exportRaw);
  // The CLI says how many figures it wrote; the file itself can be larger than one JS string.
  const figureRows = Number(/(\d+) cijfers voor/.exec(exportRaw.result.stdout)?.[1] ?? NaN);
  const figuresMiB = Math.round(statSync(path.join(work, 'cijfers-intern.csv')).size / 2 ** 20);
  // The generator is seeded, so the same run gives the same file: its digest shows a change to
  // the export changed its speed and not its figures.
  const figuresMd5 = await fileMd5(path.join(work, 'cijfers-intern.csv'));

  let reference = null;
  if (!values['skip-reference']) {
    const ref = await cliWithPeak(work, ['--out', path.join(work, 'referentie.csv'), '--work', path.join(work, 'referentie'), ...files], timed, {}, path.join(ROOT, 'bench', 'centralReference.ts'));
    reference = { ...measured('referentie (unzip + DuckDB read_csv + GROUP BY)', ref), ...(JSON.parse(ref.result.stdout.trim().split('\n').at(-1)!) as object) };
  }
  const both = importRun.seconds + exportRun.seconds;
  const summary = {
    measured: new Date().toISOString(),
    machine: `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
    input: {
      gemeenten: chosen.length,
      deliveries: files.length,
      records,
      exportPeriode: EXPORT_PERIODE.code,
      aanbiedersPerGemeente: { min: Math.min(...aanbieders), max: Math.max(...aanbieders) },
      zipMiB: Math.round(zipBytes / 2 ** 20),
      generateSeconds: round1(generateSeconds),
    },
    import: { ...importRun, recordsPerSecond: Math.round(records / importRun.seconds), parquetMiB: Math.round(parquetBytes / 2 ** 20) },
    referenceDataLoad: referenceLoad,
    export: { ...exportRun, figureRows, figuresMiB, figuresMd5 },
    reference,
    ratio: reference ? Math.round((both / reference.seconds) * 100) / 100 : null,
    ratioCpu: reference?.cpuSeconds && importRun.cpuSeconds && exportRun.cpuSeconds ? Math.round(((importRun.cpuSeconds + exportRun.cpuSeconds) / reference.cpuSeconds) * 100) / 100 : null,
    // Each part against the whole reference: the reference computes three figures per group, the
    // export every indicator, so the export's part says what the engine costs beyond that.
    ratioCpuPerPart: reference?.cpuSeconds && importRun.cpuSeconds && exportRun.cpuSeconds ? { import: Math.round((importRun.cpuSeconds / reference.cpuSeconds) * 100) / 100, export: Math.round((exportRun.cpuSeconds / reference.cpuSeconds) * 100) / 100 } : null,
    peakRssMiB: Math.max(importRun.peakRssMiB, exportRun.peakRssMiB),
    peakMethod: timed ? 'GNU /usr/bin/time -v (wait4 ru_maxrss)' : 'process.resourceUsage().maxRSS at exit (--import probe)',
    targets: { ratio: '≤ 1.0', peakRssMiB: '≤ 3072' },
  };
  step(JSON.stringify(summary, null, 2));
  if (chosen.length === all.length && scale === 1 && reference) {
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  }
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
