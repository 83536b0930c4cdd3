import type { DuckDBConnection } from '@duckdb/node-api';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { withAtomicFile, writeFileAtomic } from '../files/atomicWrite.ts';
import { sqlText } from '../central/store/duckdb.ts';
import { readResourceTable, defaultResourcesDir } from '../resources/csvTable.ts';
import type { PackInput } from './packInput.ts';

/*
 * The verrijkte dataset for the gemeente's own BI tools: every release row of the gemeente (the
 * gemeente and its wijken), with the wijk's name, reference group and CBS profile beside it.
 * The figures are the release's, suppressed exactly as there; the CBS columns are public CBS
 * figures. As CSV (the figures dialect) and as Parquet (DuckDB COPY of the same rows).
 */

const BASE_COLUMNS = ['periode', 'gemeente', 'wijk', 'wijknaam', 'referentiegroep', 'groepnaam', 'indicator', 'dimensie', 'waarde', 'status', 'pakketstatus', 'toelichting'] as const;

/** The CBS kenmerken, in the order of resources/cbs-kenmerken.csv, each a column `cbs_<kenmerk>`. */
function cbsColumns(resourcesDir: string): string[] {
  return readResourceTable(resourcesDir, 'cbs-kenmerken.csv').map((r) => r.kenmerk!);
}

export async function writePackDataset(connection: DuckDBConnection, input: PackInput, files: { csv: string; parquet: string }, resourcesDir = defaultResourcesDir): Promise<number> {
  const kenmerken = cbsColumns(resourcesDir);
  const wijk = new Map(input.wijken.map((w) => [w.code, w]));
  const groepnaam = new Map(input.groepen.map((g) => [g.code, g.naam]));
  const rows = input.release
    .filter((r) => r.gemeente === input.gemeente.code)
    .map((r) => {
      const w = wijk.get(r.wijk);
      const profiel = r.wijk === '' ? {} : (input.profiel.get(r.wijk) ?? {});
      return [r.periode, r.gemeente, r.wijk, w?.naam ?? '', w?.groep ?? '', w?.groep ? (groepnaam.get(w.groep) ?? '') : '', r.indicator, r.dimensie, r.waarde ?? '', r.status, input.setting.status, input.setting.toelichting, ...kenmerken.map((k) => profiel[k] ?? '')];
    });
  const header = [...BASE_COLUMNS, ...kenmerken.map((k) => `cbs_${k}`)];
  writeFileAtomic(files.csv, UTF8_BOM + csvChunk([header, ...rows]));
  const types = Object.fromEntries(header.map((c) => [c, c === 'waarde' || c.startsWith('cbs_') ? 'DOUBLE' : 'VARCHAR']));
  const columns = `{${Object.entries(types).map(([c, t]) => `${sqlText(c)}: ${sqlText(t)}`).join(', ')}}`;
  await withAtomicFile(files.parquet, async (temp) => {
    await connection.run(
      `COPY (SELECT * FROM read_csv(${sqlText(files.csv)}, delim = ';', header = true, quote = '"', escape = '"', columns = ${columns}, auto_detect = false)) TO ${sqlText(temp)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  });
  return rows.length;
}
