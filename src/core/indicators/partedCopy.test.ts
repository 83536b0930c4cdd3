import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { DELIVERY_COLUMNS, deliveryRow } from '../delivery/deliveryRecord.ts';
import { parsePeriode } from '../period/periode.ts';
import { tempDir } from '../testing/tempDir.ts';
import { rec, testRecords, type TestRecords } from './indicatorTestKit.ts';
import { partedCopy } from './partedCopy.ts';

const source = (gemeente: string) => ({ gemeente, gemeentenaam: `Testgemeente ${gemeente}`, periode: parsePeriode('2026Q3'), omschrijving: 'test' });

/** A delivery CSV of `n` records, as the app writes one. */
function deliveryCsv(n: number, broken?: { row: number; column: (typeof DELIVERY_COLUMNS)[number]; value: string }): Buffer {
  const rows = Array.from({ length: n }, (_, i) => deliveryRow(rec({ client: `c${i}`, begindatum: '2026-07-01', kosten: i + 0.25, product: i % 7 === 0 ? '=formule' : `Product ${i}` })));
  if (broken) rows[broken.row - 2]![DELIVERY_COLUMNS.indexOf(broken.column)] = broken.value;
  return Buffer.from(UTF8_BOM + csvChunk([DELIVERY_COLUMNS, ...rows]), 'utf8');
}

/** The bytes in chunks of varying size, as a zip stream gives them. */
function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = [1, 97, 500, 3, 1500][k % 5]!;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const recRows = async (t: TestRecords, bron: number) => (await t.connection.runAndReadAll(`SELECT * EXCLUDE (bron) FROM rec WHERE bron = ${bron} ORDER BY rij`)).getRowsJS();

let t: TestRecords;
beforeEach(async () => {
  t = await testRecords();
});
afterEach(() => t.close());

describe('the copy staged in parts while it is read', () => {
  test('gives the very records, in the very order, that staging the whole file gives; the parts are removed', async () => {
    const dir = tempDir();
    const bytes = deliveryCsv(300);
    const whole = path.join(dir, 'whole.csv');
    writeFileSync(whole, bytes);
    const one = await t.set.loadCsv(source('GM0001'), whole, 'whole.csv');

    const staged = t.set.stagedCsv();
    let parts = 0;
    const copy = partedCopy(path.join(dir, 'copy.csv'), (part) => (parts++, staged.part(part)), 2000);
    for (const chunk of chunks(bytes)) copy.write(chunk);
    expect(await copy.settle(true)).toBeNull();
    const inParts = await staged.load(source('GM0002'), 'copy.csv');

    expect(parts).toBeGreaterThan(10);
    expect(inParts.rijen).toBe(300);
    expect(await recRows(t, inParts.bron)).toEqual(await recRows(t, one.bron));
    expect(readdirSync(dir)).toEqual(['whole.csv']);
  });

  test('a value against the contract in a later part is named by its row in the file', async () => {
    const staged = t.set.stagedCsv();
    const copy = partedCopy(path.join(tempDir(), 'copy.csv'), (part) => staged.part(part), 2000);
    for (const chunk of chunks(deliveryCsv(300, { row: 250, column: 'einddatum', value: '2026-02-31' }))) copy.write(chunk);
    expect(await copy.settle(true)).toBeNull();
    await expect(staged.load(source('GM0001'), 'x.zip')).rejects.toMatchObject({ message: 'x.zip, voorzieningen.csv rij 250, kolom einddatum: geen datum als JJJJ-MM-DD.' });
    expect(t.set.loaded()).toEqual([]);
  });

  test('a part DuckDB refuses stops the staging and is reported; an unfinished copy is not staged at its end', async () => {
    const dir = tempDir();
    const staged = t.set.stagedCsv();
    const seen: string[] = [];
    const copy = partedCopy(path.join(dir, 'copy.csv'), async (part) => {
      seen.push(part);
      if (seen.length === 2) throw new Error('geweigerd');
      await staged.part(part);
    }, 2000);
    for (const chunk of chunks(deliveryCsv(300))) copy.write(chunk);
    const failure = await copy.settle(true);
    expect(failure?.error).toMatchObject({ message: 'geweigerd' });
    expect(seen.length).toBeLessThan(4);
    expect(readdirSync(dir)).toEqual([]);

    const halfway = partedCopy(path.join(dir, 'half.csv'), async (part) => void seen.push(part), 2000);
    const before = seen.length;
    halfway.write(deliveryCsv(300).subarray(0, 1500));
    expect(await halfway.settle(false)).toBeNull();
    expect(seen.length).toBe(before);
    expect(existsSync(path.join(dir, 'half.csv.0'))).toBe(false);
    await staged.discard();
  });
});
