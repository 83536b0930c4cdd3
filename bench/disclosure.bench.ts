/**
 * Disclosure control, measured two ways (options after `--`):
 *
 *   node bench/disclosure.bench.ts [--gemeenten N]               a generated release, in memory
 *   node bench/disclosure.bench.ts --national [--gemeenten N]    the central export on the
 *                                                                 deliveries of bench/centralDeliveries.ts
 *
 * In memory: N gemeenten (default 5) × 6 wijken × 12 products × 6 aanbieders, about a third of the
 * inner cells absent and 40 % of the rest below 5 clients, with the export's levels reduced to
 * total, keys and the productcode × aanbieder pair, and ALLE. Reports cells, primary and secondary
 * counts, rounds and the time of suppression + audit.
 *
 * National: the generator of bench/centralDeliveries.ts writes the exported quarter (2026Q3, the
 * same records as bench:central) of N gemeenten (default all 342), which are imported, approved
 * and loaded with CBS 2024 in this process; then `central export` for publication runs once. Reports
 * the export's wall and CPU time, the part suppression + audit took of it, the time that adds to
 * the rest of the export, the secondary cells, and the naive "smallest other cell" heuristic
 * (bench/disclosureNaive.ts) on the same release. A full run writes bench/results/disclosure.json.
 * `--keep` leaves the work folder; `--db DIR` then runs just the export again on its store
 * (`DIR` = the folder's `analist`), with the pattern of the export before it carried forward.
 * The national figures list does not fit Node's default heap (about 4 GB here): run it as
 * `node --max-old-space-size=14000 bench/disclosure.bench.ts --national`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Random } from '../fixtures/random.ts';
import { approveDelivery } from '../src/core/central/approval/approveDelivery.ts';
import { exportCentralFigures } from '../src/core/central/export/exportFigures.ts';
import { importDeliveries } from '../src/core/central/intake/importDeliveries.ts';
import { importReferenceFiles } from '../src/core/central/reference/importReference.ts';
import { openCentralStore } from '../src/core/central/store/centralStore.ts';
import { withScopedDuckDb } from '../src/core/central/store/scopedDuckDb.ts';
import { buildRelease, cellSets, type CellValues, type InnerCell, type Release, type ReleaseLevel } from '../src/core/disclosure/releaseModel.ts';
import { suppressRelease, type Suppression } from '../src/core/disclosure/suppressRelease.ts';
import { parsePeriode } from '../src/core/period/periode.ts';
import { loadReferenceTables } from '../src/core/resources/referenceTables.ts';
import { CBS_2024, cbsGemeenten, planGemeente, RECORDS_PER_INHABITANT, writeDelivery } from './centralDeliveries.ts';
import { naiveSecondary } from './disclosureNaive.ts';
import { ROOT, step } from './measure.ts';

const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'disclosure.json');
const { values } = parseArgs({ options: { gemeenten: { type: 'string' }, national: { type: 'boolean' }, keep: { type: 'boolean' }, db: { type: 'string' } } });

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return Math.round((user + system) / 1e5) / 10;
};
const round1 = (n: number) => Math.round(n * 10) / 10;
const count = (s: Suppression, soort: string) => [...s.soort.values()].filter((x) => x === soort).length;

if (values.national) await national();
else await inMemory(Number(values.gemeenten ?? 5));

async function inMemory(gemeenten: number) {
  const levels: ReleaseLevel[] = [
    { niveau: 'gemeente', dimensions: [[], ['productcode'], ['aanbieder'], ['productcode', 'aanbieder']] },
    { niveau: 'wijk', dimensions: [[], ['productcode'], ['aanbieder']] },
  ];
  const random = new Random(12, 'disclosure-bench');
  const inner: InnerCell[] = [];
  for (let g = 0; g < gemeenten; g++) {
    const gemeente = `GM${String(9000 + g)}`;
    for (let w = 0; w < 6; w++)
      for (let p = 0; p < 12; p++)
        for (let a = 0; a < 6; a++) {
          if (random.chance(0.35)) continue;
          const clienten = random.chance(0.4) ? random.int(1, 4) : random.int(5, 60);
          inner.push({ gemeente, wijk: `WK${gemeente.slice(2)}0${w}`, values: { pijler: 'WMO', leefdomein: '1', voorziening: 'WMO-02', productcode: `P${p}`, aanbieder: `A${a}` }, clienten, voorzieningen: clienten + random.int(0, 3), kosten: random.int(0, 500_000) });
        }
  }
  const alle = gemeenten > 1;
  const { sets } = cellSets(inner, levels, alle);
  const cellValues = new Map<string, CellValues>();
  for (const [key, set] of sets) {
    const sum = (f: (c: InnerCell) => number) => set.reduce((n, j) => n + f(inner[j]!), 0);
    cellValues.set(key, { clienten: sum((c) => c.clienten), voorzieningen: sum((c) => c.voorzieningen), kosten: sum((c) => c.kosten) });
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const release = buildRelease(inner, levels, cellValues, alle);
  const result = await suppressRelease(release);
  const summary = {
    gemeenten,
    binnencellen: inner.length,
    cellen: cellValues.size,
    groepen: release.groups.length,
    primair: count(result, 'primair'),
    secundair: count(result, 'secundair'),
    alleWeggelaten: result.weggelaten.size,
    rondes: result.rondes,
    seconds: round1((performance.now() - started) / 1000),
    cpuSeconds: cpuSeconds(cpu),
    naiefSecundair: naiveSecondary(release),
  };
  console.log(JSON.stringify(summary));
}

async function national() {
  const all = cbsGemeenten();
  const n = Math.min(all.length, Number(values.gemeenten ?? all.length));
  // The same choice and seed as bench/central.bench.ts, so the records are that benchmark's.
  const bySize = [...all].sort((a, b) => a.inwoners - b.inwoners);
  const chosen = n === all.length ? all : Array.from({ length: n }, (_, i) => bySize[Math.round((i * (bySize.length - 1)) / Math.max(1, n - 1))]!);
  const range = { minInwoners: bySize[0]!.inwoners, maxInwoners: bySize[bySize.length - 1]!.inwoners };
  const periode = parsePeriode('2026Q3');
  const work = values.db ? path.dirname(path.resolve(values.db)) : mkdtempSync(path.join(os.tmpdir(), 'wm-bench-disclosure-'));
  try {
    let records = 0;
    const files: string[] = [];
    if (!values.db) {
      step(`${chosen.length} gemeenten, ${periode.code}, genereren in ${work}`);
      for (const gemeente of chosen) {
        const written = await writeDelivery(work, planGemeente(gemeente, 20261, range, RECORDS_PER_INHABITANT), periode, 1, 20261);
        files.push(written.file);
        records += written.rows;
      }
      step(`${files.length} leveringen, ${records} records; inlezen`);
    }
    const store = await openCentralStore(path.join(work, 'analist'));
    try {
      if (!values.db) {
        await importDeliveries(store, files, { signal: new AbortController().signal });
        for (const gemeente of chosen) approveDelivery(store.db, { gemeente: gemeente.code, periode: periode.code, door: 'bench' });
        await importReferenceFiles(store.db, [CBS_2024]);
      } else records = Number(store.db.prepare("SELECT sum(rijen) FROM levering WHERE periode = ? AND status = 'actueel'").pluck().get(periode.code));
      step('central export (publicatie)');
      let release: Release | null = null;
      let suppression: Suppression | null = null;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const result = await withScopedDuckDb(store.dataDir, { memoryLimit: '1GB' }, (connection) =>
        exportCentralFigures(store, connection, {
          periode: periode.code,
          out: path.join(work, 'cijfers.csv'),
          intern: false,
          pijlerVolgorde: loadReferenceTables().pijlers.map((p) => p.code),
          disclosureProbe: (r, s) => {
            release = r;
            suppression = s;
          },
        }),
      );
      const exportSeconds = (performance.now() - started) / 1000;
      const exportCpu = cpuSeconds(cpu);
      const stats = result.onderdrukking!;
      const r = release as Release | null;
      const s = suppression as Suppression | null;
      if (!r || !s) throw new Error('De export riep de onthullingscontrole niet aan.');
      const naive = naiveSecondary(r);
      const rest = { seconds: exportSeconds - stats.ms / 1000, cpuSeconds: exportCpu - stats.cpuMs / 1000 };
      const summary = {
        measured: new Date().toISOString(),
        machine: `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
        loadAverageAtEnd: os.loadavg().map((l) => round1(l)),
        input: { gemeenten: chosen.length, records, periode: periode.code, binnencellen: r.inner.length, cellen: stats.cellen, groepen: stats.groepen },
        export: { seconds: round1(exportSeconds), cpuSeconds: exportCpu, rijen: result.rijen },
        disclosure: { seconds: round1(stats.ms / 1000), cpuSeconds: round1(stats.cpuMs / 1000), rondes: stats.rondes },
        addedToExport: { wall: Math.round((stats.ms / 1000 / rest.seconds) * 1000) / 1000, cpu: Math.round((stats.cpuMs / 1000 / rest.cpuSeconds) * 1000) / 1000 },
        cells: { primair: stats.primair, secundair: stats.secundair, alleOnderdrukt: [...s.soort.keys()].filter((g) => r.groups[g]!.parts !== null).length, alleWeggelaten: s.weggelaten.size, cijfersWeggelaten: stats.weggelaten },
        naive: { secundair: naive },
        targets: { addedToExport: '≤ 0.5', secundair: '< naive.secundair' },
      };
      step(JSON.stringify(summary, null, 2));
      if (chosen.length === all.length) {
        mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
        writeFileSync(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
      }
    } finally {
      store.close();
    }
  } finally {
    if (!values.keep && !values.db) rmSync(work, { recursive: true, force: true });
  }
}
