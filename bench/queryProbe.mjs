/**
 * Where a CLI run's DuckDB time goes, per query shape, for profiling the analyst benchmark:
 *
 *   WM_QPROBE=queries.txt node --import ./bench/queryProbe.mjs bin/wijkmonitor.js central export …
 *
 * Preloaded, it wraps DuckDBConnection.run (runAndReadAll and the others go through it) and, at
 * exit, writes per query shape (literals and numbers blanked) its count, wall seconds and CPU
 * seconds of the whole process during it — DuckDB's threads included, so the split is only exact
 * while nothing else runs beside the query (the export; not the import, whose checks overlap).
 * A Node CPU profile (--cpu-prof) cannot see this: DuckDB's threads are native.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../package.json', import.meta.url));
const { DuckDBConnection } = await import(require.resolve('@duckdb/node-api'));
const stats = new Map();
const started = performance.now();
const shape = (sql) => String(sql).replace(/\s+/g, ' ').replace(/'[^']*'/g, "'?'").replace(/\d+/g, 'N').trim().slice(0, 120);

const run = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = async function (sql, ...rest) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await run.call(this, sql, ...rest);
  } finally {
    const used = process.cpuUsage(cpu);
    const s = stats.get(shape(sql)) ?? { n: 0, wall: 0, cpu: 0 };
    s.n++;
    s.wall += (performance.now() - wall) / 1000;
    s.cpu += (used.user + used.system) / 1e6;
    stats.set(shape(sql), s);
  }
};

process.on('exit', () => {
  const total = process.cpuUsage();
  const rows = [...stats].sort((a, b) => b[1].cpu - a[1].cpu);
  const inQueries = rows.reduce((n, [, s]) => n + s.cpu, 0);
  writeFileSync(
    process.env.WM_QPROBE ?? 'queries.txt',
    `wall ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${((total.user + total.system) / 1e6).toFixed(1)} s, of which during queries ${inQueries.toFixed(1)} s\n` +
      `  CPU s   wall s  count  query\n` +
      rows.map(([q, s]) => `${s.cpu.toFixed(2).padStart(7)} ${s.wall.toFixed(2).padStart(8)} ${String(s.n).padStart(6)}  ${q}`).join('\n') +
      '\n',
  );
});
