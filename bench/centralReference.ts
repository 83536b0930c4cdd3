/**
 * The by-hand reference of the analyst benchmark, run as its own child process so its time and
 * peak memory are measured exactly as the CLI's are:
 *
 *   node bench/centralReference.ts --out FIGURES.csv --work DIR LEVERING.zip...
 *
 * Unzips every delivery's voorzieningen.csv (yauzl, as the app does) to DIR, then one DuckDB
 * `read_csv` over all of them and one GROUPING SETS query: distinct clients, voorzieningen and
 * costs per periode × gemeente and per periode × gemeente × wijk, for the total, each single key
 * and productcode|aanbieder. No verification, no typing beyond what the query needs, no Parquet:
 * the least work that still gives those figures, which is what (import + export) is held against.
 * DuckDB is opened as the app opens it (autoinstall and autoload off): read_csv is built in.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { openEntryStream, openZipArchive } from '../src/core/import/readers/zip.ts';
import { openDuckDb, sqlText } from '../src/core/central/store/duckdb.ts';
import { DELIVERY_COLUMNS } from '../src/core/delivery/deliveryRecord.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, work: { type: 'string' } } });
if (!values.out || !values.work || positionals.length === 0) throw new Error('Gebruik: centralReference.ts --out CSV --work MAP LEVERING.zip...');
const work = path.resolve(values.work);
mkdirSync(work, { recursive: true });

const timings: Record<string, number> = {};
let started = performance.now();
const files: string[] = [];
for (const zip of positionals) {
  // GM0363_2026Q3_levering.zip → GM0363_2026Q3.csv: the name carries gemeente and periode.
  const [gemeente, periode] = path.basename(zip).split('_');
  const archive = await openZipArchive(zip);
  try {
    const entry = archive.entries.get('voorzieningen.csv');
    if (!entry) throw new Error(`${path.basename(zip)}: voorzieningen.csv ontbreekt.`);
    const target = path.join(work, `${gemeente}_${periode}.csv`);
    await pipeline(await openEntryStream(archive, entry), createWriteStream(target));
    files.push(target);
  } finally {
    await archive.close();
  }
}
timings.unzipSeconds = (performance.now() - started) / 1000;

const duck = await openDuckDb({ tempDir: path.join(work, 'duckdb-tmp') });
try {
  started = performance.now();
  const list = `[${files.map(sqlText).join(', ')}]`;
  // Every column as text but the costs, which are summed.
  const readColumns = `{${DELIVERY_COLUMNS.map((c) => `${sqlText(c)}: '${c === 'kosten' ? 'DECIMAL(18,2)' : 'VARCHAR'}'`).join(', ')}}`;
  const keys = ['pijler', 'leefdomein', 'voorziening', 'productcode', 'aanbieder'];
  const dims = [[], ...keys.map((k) => [k]), ['productcode', 'aanbieder']];
  const sets = ['wijk', null].flatMap((wijk) => dims.map((d) => `(${['periode', 'gemeente', ...(wijk ? [wijk] : []), ...d].join(', ')})`));
  const result = await duck.connection.run(`
    COPY (
      SELECT periode, gemeente, wijk, pijler, leefdomein, voorziening, productcode, aanbieder,
        count(DISTINCT client) AS clienten, count(*) AS voorzieningen, sum(kosten) AS kosten
      FROM (
        SELECT split_part(parse_filename(filename, true), '_', 1) AS gemeente, split_part(parse_filename(filename, true), '_', 2) AS periode, *
        FROM read_csv(${list}, delim = ';', quote = '"', escape = '"', header = true, filename = true,
          columns = ${readColumns})
      )
      GROUP BY GROUPING SETS (${sets.join(', ')})
    ) TO ${sqlText(path.resolve(values.out))} (FORMAT csv, DELIMITER ';', HEADER true)`);
  timings.querySeconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ files: files.length, figureRows: Number(result.rowsChanged), ...timings }));
} finally {
  duck.close();
  rmSync(work, { recursive: true, force: true });
}
