import type { DuckDBConnection } from '@duckdb/node-api';
import { openDuckDb } from '../central/store/duckdb.ts';
import type { DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { parsePeriode } from '../period/periode.ts';
import { tempDir } from '../testing/tempDir.ts';
import type { AnalysisFilter } from './analysisFilter.ts';
import type { FigureLevels, Figure } from './figures.ts';
import { loadDelivery } from './loadDelivery.ts';
import type { PeriodScope } from './periodScope.ts';
import { computeFiguresSql } from './sql/figuresSql.ts';
import { buildDuckScope, createDuckRecordSet, type DuckRecordSet } from './sql/recordTables.ts';

/** A delivery record with plain defaults, for hand-computed indicator cases. */
export function rec(overrides: Partial<DeliveryRecord> & Pick<DeliveryRecord, 'client'>): DeliveryRecord {
  return {
    huishouden: `H-${overrides.client}`,
    leeftijd: 40,
    geslacht: '1',
    pc4: '9901',
    wijk: 'WK990101',
    gebied: null,
    pijler: 'WMO',
    productcode: 'P1',
    product: 'Product 1',
    categorie: null,
    voorziening: 'WMO-02',
    leefdomein: 'LD06',
    financier: 'gemeente',
    begindatum: '2026-01-01',
    einddatum: null,
    aanbieder: 'A1',
    aanbieder_naam: 'Aanbieder 1',
    volume: null,
    eenheid: null,
    frequentie: null,
    kosten: null,
    verwijzer: null,
    reden_einde: null,
    aanvraagdatum: null,
    ...overrides,
  };
}

/** Records in a DuckDB of their own, for tests of the engine on hand-made records. */
export type TestRecords = {
  connection: DuckDBConnection;
  set: DuckRecordSet;
  load(periode: string, records: DeliveryRecord[], gemeente?: string): void;
  /** A delivery file, verified and validated as `figures` reads it. */
  loadDelivery(file: string): Promise<void>;
  scope(periode: string, filter?: AnalysisFilter): Promise<PeriodScope>;
  /** Builds the scope, then its figures. */
  figures(periode: string, levels: FigureLevels, options?: { pijlerVolgorde?: readonly string[]; alle?: boolean; filter?: AnalysisFilter; terugkijkJaren?: number }): Promise<Figure[]>;
  close(): void;
};

export async function testRecords(): Promise<TestRecords> {
  const duck = await openDuckDb({ tempDir: tempDir('wm-duck-'), memoryLimit: '1GB' });
  const set = await createDuckRecordSet(duck.connection);
  const scope = (periode: string, filter?: AnalysisFilter) => buildDuckScope(duck.connection, set, parsePeriode(periode), filter);
  return {
    connection: duck.connection,
    set,
    load(periode, records, gemeente = 'GM9901') {
      const sink = set.open({ gemeente, gemeentenaam: `Testgemeente ${gemeente}`, periode: parsePeriode(periode), omschrijving: `test ${periode}` });
      sink.add(records);
      sink.finish();
    },
    async loadDelivery(file) {
      await loadDelivery(set, file, { tempDir: tempDir('wm-levering-') });
    },
    scope,
    async figures(periode, levels, options = {}) {
      const built = await scope(periode, options.filter);
      return computeFiguresSql(duck.connection, { periode: built.periode, vorige: built.vorige, levels, pijlerVolgorde: options.pijlerVolgorde ?? [], alle: options.alle, terugkijkJaren: options.terugkijkJaren });
    },
    close() {
      set.close();
      duck.close();
    },
  };
}
