import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDuckDb } from '../central/store/duckdb.ts';
import { rec } from '../indicators/indicatorTestKit.ts';
import { tempDir } from '../testing/tempDir.ts';
import { csvChunk, UTF8_BOM } from './csvChunk.ts';
import { deliveryValueSql, firstInvalidValue, guardedColumns, stageDeliveryCsv } from './deliveryCsvSql.ts';
import { DELIVERY_COLUMNS, deliveryRow, type DeliveryColumn } from './deliveryRecord.ts';

let duck: Awaited<ReturnType<typeof openDuckDb>>;
beforeAll(async () => {
  duck = await openDuckDb({ tempDir: tempDir('wm-duck-') });
});
afterAll(() => duck.close());

const good = () => deliveryRow(rec({ client: 'c1', begindatum: '2026-07-01', kosten: 12.5 }));

/** A voorzieningen.csv of two good rows and then `last`, staged; the first error found. */
async function firstError(last: (string | number)[]): Promise<string | null> {
  const file = path.join(tempDir(), 'voorzieningen.csv');
  writeFileSync(file, UTF8_BOM + csvChunk([DELIVERY_COLUMNS, good(), good(), last]));
  await stageDeliveryCsv(duck.connection, file, 'staged');
  return (await firstInvalidValue(duck.connection, 'staged', 'GM9901_2026Q3_levering.zip'))?.message ?? null;
}

function broken(column: DeliveryColumn, value: string): (string | number)[] {
  const row = good();
  row[DELIVERY_COLUMNS.indexOf(column)] = value;
  return row;
}

describe('voorzieningen.csv read by DuckDB, checked against the contract', () => {
  test('a good file has nothing to report', async () => {
    expect(await firstError(good())).toBeNull();
  });

  test.each([
    ['kosten', '12,50', 'geen geldig getal'],
    ['kosten', '1e5', 'geen geldig getal'],
    ['kosten', ' 12', 'geen geldig getal'],
    ['leeftijd', '7.5', 'geen geldig getal'],
    ['volume', '+3', 'geen geldig getal'],
    ['kosten', '12345678901234567', 'geen geldig getal'],
    ['begindatum', '01-07-2026', 'geen datum als JJJJ-MM-DD'],
    ['einddatum', '2026-02-31', 'geen datum als JJJJ-MM-DD'],
    ['wijk', '', 'verplicht gegeven ontbreekt'],
    ['begindatum', '', 'verplicht gegeven ontbreekt'],
  ] as const)('%s = "%s" is refused at its row and column, without quoting the value', async (column, value, what) => {
    const message = await firstError(broken(column, value));
    expect(message).toBe(`GM9901_2026Q3_levering.zip, voorzieningen.csv rij 4, kolom ${column}: ${what}${what === 'geen geldig getal' ? ' (verwacht: cijfers met een punt als decimaalteken)' : ''}.`);
    if (value.trim() !== '') expect(message).not.toContain(value.trim());
  });

  test('the earliest row wins, then the leftmost column', async () => {
    const file = path.join(tempDir(), 'voorzieningen.csv');
    writeFileSync(file, UTF8_BOM + csvChunk([DELIVERY_COLUMNS, good(), broken('kosten', 'x'), broken('leeftijd', 'x')]));
    await stageDeliveryCsv(duck.connection, file, 'staged');
    const error = await firstInvalidValue(duck.connection, 'staged', 'levering.zip');
    expect(error).toMatchObject({ location: { row: 3, column: 'kosten' } });
  });

  test('values come back as written: formula guards undone, defaults filled in, cents exact', async () => {
    const row = deliveryRow(rec({ client: 'c1', begindatum: '2026-07-01', product: '=SUM(A1)', aanbieder_naam: '-min', kosten: -20.1, volume: 2.5 }));
    row[DELIVERY_COLUMNS.indexOf('geslacht')] = '';
    row[DELIVERY_COLUMNS.indexOf('financier')] = '';
    const file = path.join(tempDir(), 'voorzieningen.csv');
    writeFileSync(file, UTF8_BOM + csvChunk([DELIVERY_COLUMNS, row]));
    await stageDeliveryCsv(duck.connection, file, 'staged');
    expect(await firstInvalidValue(duck.connection, 'staged', 'levering.zip')).toBeNull();
    const columns: DeliveryColumn[] = ['product', 'aanbieder_naam', 'kosten', 'volume', 'geslacht', 'financier', 'begindatum'];
    const [values] = (await duck.connection.runAndReadAll(`SELECT ${columns.map((c) => deliveryValueSql(c)).join(', ')} FROM staged`)).getRowsJS();
    expect(values!.slice(0, 6)).toEqual(['=SUM(A1)', '-min', -2010n, 2.5, '0', 'gemeente']);
    expect((values![6] as Date).toISOString().slice(0, 10)).toBe('2026-07-01');
  });

  test('the guard is undone only in columns that have a value starting with \', with the same values as undoing it everywhere', async () => {
    const row = deliveryRow(rec({ client: 'c1', begindatum: '2026-07-01', product: '=SUM(A1)', aanbieder_naam: "'tekst", verwijzer: '@x', kosten: 3 }));
    const file = path.join(tempDir(), 'voorzieningen.csv');
    writeFileSync(file, UTF8_BOM + csvChunk([DELIVERY_COLUMNS, good(), row]));
    await stageDeliveryCsv(duck.connection, file, 'staged');
    const guarded = await guardedColumns(duck.connection, 'staged');
    expect([...guarded].sort()).toEqual(['aanbieder_naam', 'product', 'verwijzer']);
    expect(await firstInvalidValue(duck.connection, 'staged', 'levering.zip', guarded)).toBeNull();
    const read = async (g?: typeof guarded) =>
      (await duck.connection.runAndReadAll(`SELECT ${DELIVERY_COLUMNS.map((c) => deliveryValueSql(c, '', g)).join(', ')} FROM staged ORDER BY rowid`)).getRowsJS();
    const everywhere = await read();
    expect(await read(guarded)).toEqual(everywhere);
    expect(everywhere[1]![DELIVERY_COLUMNS.indexOf('product')]).toBe('=SUM(A1)');
    expect(everywhere[1]![DELIVERY_COLUMNS.indexOf('verwijzer')]).toBe('@x');
  });

  test('a number column with a guarded value is checked as its value without the guard', async () => {
    const file = path.join(tempDir(), 'voorzieningen.csv');
    writeFileSync(file, UTF8_BOM + csvChunk([DELIVERY_COLUMNS, good(), broken('kosten', "'-12.50"), broken('leeftijd', "'x")]));
    await stageDeliveryCsv(duck.connection, file, 'staged');
    const guarded = await guardedColumns(duck.connection, 'staged');
    expect([...guarded].sort()).toEqual(['kosten', 'leeftijd']);
    const error = await firstInvalidValue(duck.connection, 'staged', 'levering.zip', guarded);
    expect(error).toMatchObject({ location: { row: 4, column: 'leeftijd' } });
    expect(await firstInvalidValue(duck.connection, 'staged', 'levering.zip')).toMatchObject({ location: { row: 4, column: 'leeftijd' } });
  });
});
