import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { writeFiguresCsv } from '../../indicators/figuresCsv.ts';
import { EXPORT_LEVELS, type Figure } from '../../indicators/figures.ts';
import { testRecords } from '../../indicators/indicatorTestKit.ts';
import { syntheticQuarters } from '../../indicators/oracleCases.ts';
import { computeFiguresSql } from '../../indicators/sql/figuresSql.ts';
import { parsePeriode } from '../../period/periode.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { writeTestDelivery } from '../centralTestKit.ts';
import { importDeliveries } from '../intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { withScopedDuckDb } from '../store/scopedDuckDb.ts';
import { buildCentralScope } from './centralScope.ts';
import { exportCentralFigures } from './exportFigures.ts';

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

const PIJLERS = ['WMO', 'JW', 'PW', 'SHV'];
/** Figures as a set: the order of rows follows the order records were read in, which differs per edition. */
const asSet = (figures: readonly Figure[]) => figures.map((f) => JSON.stringify(f)).sort();

describe('both editions give the same figure for the same deliveries', () => {
  test('quarters, a half year and a year: the gemeente’s own figures equal the analyst’s', async () => {
    const dir = tempDir();
    // Names without AGB codes spelled differently across quarters, households, repeat care, moves.
    const files = [];
    for (const q of syntheticQuarters()) files.push(await writeTestDelivery({ gemeente: q.gemeente, periode: q.periode, records: q.records, dir }));
    const own = await testRecords();
    for (const file of files) await own.loadDelivery(file);

    const store = await openCentralStore(tempDir('wm-central-'));
    opened.push(store);
    const lines = await importDeliveries(store, files, { signal: new AbortController().signal });
    expect(lines.filter((l) => l.uitkomst === 'geweigerd')).toEqual([]);

    for (const code of ['2026Q3', '2026H2', '2026']) {
      const gemeente = await own.figures(code, EXPORT_LEVELS, { pijlerVolgorde: PIJLERS });
      const central = await withScopedDuckDb(store.dataDir, {}, async (connection) => {
        const { scope, set } = await buildCentralScope(store, connection, parsePeriode(code));
        try {
          return await computeFiguresSql(connection, { periode: scope.periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde: PIJLERS });
        } finally {
          set.close();
        }
      });
      expect(central.length, code).toBeGreaterThan(1000);
      const a = asSet(central);
      const b = new Set(asSet(gemeente));
      const only = a.filter((x) => !b.has(x));
      const c = new Set(a);
      expect({ code, central: only.slice(0, 5), gemeente: asSet(gemeente).filter((x) => !c.has(x)).slice(0, 5) }).toEqual({ code, central: [], gemeente: [] });
    }

    // The export itself, pass by pass with ALLE apart, writes what one run of the engine writes.
    const out = path.join(tempDir(), 'cijfers-intern.csv');
    await withScopedDuckDb(store.dataDir, {}, (c) => exportCentralFigures(store, c, { periode: '2026H2', out, intern: true, pijlerVolgorde: PIJLERS, passRecords: 100 }));
    const mine = path.join(tempDir(), 'eigen.csv');
    await writeFiguresCsv(mine, await own.figures('2026H2', EXPORT_LEVELS, { pijlerVolgorde: PIJLERS, alle: true }));
    const csvLines = (file: string) => readFileSync(file, 'utf8').split('\r\n').slice(1).sort();
    expect(csvLines(out).length).toBeGreaterThan(1000);
    expect(csvLines(out)).toEqual(csvLines(mine));
    own.close();
  }, 120_000);
});
