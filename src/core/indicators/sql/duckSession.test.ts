import { describe, expect, test } from 'vitest';
import { parsePeriode } from '../../period/periode.ts';
import { EXPORT_LEVELS } from '../figures.ts';
import { rec } from '../indicatorTestKit.ts';
import { withFiguresDuckDb } from './duckSession.ts';
import { computeFiguresSql } from './figuresSql.ts';
import { buildDuckScope, createDuckRecordSet } from './recordTables.ts';

describe('a figures run in DuckDB', () => {
  test('cancelled during its queries, it stops with the abort reason and runs no further query', async () => {
    const controller = new AbortController();
    const periode = parsePeriode('2026Q1');
    const seen: number[] = [];
    const run = withFiguresDuckDb(
      async (connection) => {
        const set = await createDuckRecordSet(connection);
        const sink = set.open({ gemeente: 'GM9901', gemeentenaam: 'Test', periode, omschrijving: 'test' });
        sink.add(Array.from({ length: 3000 }, (_, i) => rec({ client: `C${i % 900}`, productcode: `P${i % 7}`, begindatum: '2026-02-01' })));
        sink.finish();
        const scope = await buildDuckScope(connection, set, periode);
        return computeFiguresSql(connection, {
          periode,
          vorige: scope.vorige,
          levels: EXPORT_LEVELS,
          pijlerVolgorde: [],
          signal: controller.signal,
          onQuery: (done) => {
            seen.push(done);
            if (done === 3) controller.abort(new Error('geannuleerd'));
          },
        });
      },
      { signal: controller.signal },
    );
    await expect(run).rejects.toThrow('geannuleerd');
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});
