import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultResourcesDir } from '../resources/csvTable.ts';
import { tempDir } from '../testing/tempDir.ts';
import { dayNumber } from '../indicators/sql/figuresSql.ts';
import { allocateCosts, daysWithin, largestRemainder, type AllocationRecord } from './allocateCosts.ts';
import { loadToerekening, regelFor } from './toerekeningRegels.ts';

const q3 = { begin: dayNumber('2026-07-01'), eind: dayNumber('2026-09-30') };
const { frequenties } = loadToerekening();
const record = (rij: number, client: number, begin: string, eind: string | null, volume: number | null = null, frequentie: string | null = null): AllocationRecord => ({
  rij,
  client,
  begin: dayNumber(begin),
  eind: eind === null ? null : dayNumber(eind),
  volume,
  frequentie,
});

describe('allocation of lasten, worked out by hand', () => {
  test('days within the period count both ends and stop at the period', () => {
    expect(daysWithin(record(1, 1, '2026-01-01', null), q3)).toBe(92);
    expect(daysWithin(record(1, 1, '2026-09-01', '2026-12-31'), q3)).toBe(30);
    expect(daysWithin(record(1, 1, '2026-07-10', '2026-07-10'), q3)).toBe(1);
    expect(daysWithin(record(1, 1, '2026-01-01', '2026-06-30'), q3)).toBe(0);
  });

  test('gelijk: € 100 over three clients is 33,34 + 33,33 + 33,33; a client with two voorzieningen splits its share', () => {
    const records = [record(1, 1, '2026-07-01', null), record(2, 1, '2026-08-01', null), record(3, 2, '2026-07-01', null), record(4, 3, '2026-09-30', null)];
    const { shares } = allocateCosts(10_000, records, 'gelijk', q3, frequenties);
    // 10000 / 3 = 3333.33 each; the one cent left goes to the first client (ties to the earlier).
    // Client 1's 3334 over its two voorzieningen: 1667 + 1667.
    expect([...shares]).toEqual([
      [1, 1667],
      [2, 1667],
      [3, 3333],
      [4, 3333],
    ]);
  });

  test('dagen: € 1.000 over 92, 30 and 10 days', () => {
    const records = [record(1, 1, '2026-01-01', null), record(2, 2, '2026-09-01', null), record(3, 3, '2026-06-01', '2026-07-10')];
    const { shares } = allocateCosts(100_000, records, 'dagen', q3, frequenties);
    // 100000 × 92/132 = 69696.97, × 30/132 = 22727.27, × 10/132 = 7575.76: floors 69696 + 22727 + 7575 = 99998,
    // the two cents left to the largest remainders (.97 and .76).
    expect([...shares]).toEqual([
      [1, 69_697],
      [2, 22_727],
      [3, 7_576],
    ]);
  });

  test('volume: € 500 by volume × frequentie × days', () => {
    const records = [
      // 2 per week (1/7 a day) for 92 days: 2/7 × 92 = 26.2857
      record(1, 1, '2026-01-01', null, 2, '2'),
      // 10 per maand (12/365.25 a day) for 30 days: 9.8563
      record(2, 2, '2026-09-01', null, 10, '4'),
      // 5 in total over its own 10 days, all inside the quarter: 5
      record(3, 3, '2026-07-01', '2026-07-10', 5, '6'),
      // No volume: nothing, and counted.
      record(4, 4, '2026-07-01', null),
    ];
    const allocation = allocateCosts(50_000, records, 'volume', q3, frequenties);
    // 50000 × 26.2857/41.1420 = 31945.13, × 9.8563/41.1420 = 11978.35, × 5/41.1420 = 6076.52 → 31945 + 11978 + 6077.
    expect([...allocation.shares]).toEqual([
      [1, 31_945],
      [2, 11_978],
      [3, 6_077],
    ]);
    expect(allocation.zonderVolume).toBe(1);
    expect(allocation.regel).toBe('volume');
  });

  test('volume without any usable volume falls back to dagen; nothing to allocate over gives nothing', () => {
    const records = [record(1, 1, '2026-07-01', null), record(2, 2, '2026-09-01', null)];
    const allocation = allocateCosts(12_200, records, 'volume', q3, frequenties);
    // 12200 × 92/122 = 9200, × 30/122 = 3000.
    expect(allocation.regel).toBe('dagen');
    expect([...allocation.shares]).toEqual([
      [1, 9200],
      [2, 3000],
    ]);
    expect(allocateCosts(12_200, [], 'dagen', q3, frequenties).shares.size).toBe(0);
  });

  test('the parts always add up to the amount', () => {
    for (const total of [1, 7, 99_999, 123_456_789]) {
      for (const weights of [[1, 1, 1], [0.1, 0.2, 0.7], [3, 0, 5, 11, 13]]) {
        expect(largestRemainder(total, weights).reduce((s, v) => s + v, 0)).toBe(total);
      }
    }
  });

  test('the rules come from resources: every product not listed gets the * rule', () => {
    const tabellen = loadToerekening();
    expect(regelFor(tabellen, 'ONBEKEND-PRODUCT')).toBe(tabellen.standaard);
    expect(tabellen.standaard).toBe('dagen');
  });

  test('a rule per product is data: another toerekening.csv gives another allocation of the same records, without code', () => {
    const dir = tempDir('wm-toerekening-');
    copyFileSync(path.join(defaultResourcesDir, 'toerekening-frequenties.csv'), path.join(dir, 'toerekening-frequenties.csv'));
    writeFileSync(path.join(dir, 'toerekening.csv'), 'productcode;regel;toelichting\n*;gelijk;standaard\nSUB;volume;naar intensiteit\n');
    const tabellen = loadToerekening(dir);
    expect([regelFor(tabellen, 'SUB'), regelFor(tabellen, 'ANDER')]).toEqual(['volume', 'gelijk']);
    // € 300 over two clients in care the whole quarter, 1 and 2 per week: gelijk 150 each, volume 100 and 200.
    const records = [record(1, 1, '2026-07-01', null, 1, '2'), record(2, 2, '2026-07-01', null, 2, '2')];
    expect([...allocateCosts(30_000, records, regelFor(tabellen, 'ANDER'), q3, tabellen.frequenties).shares.values()]).toEqual([15_000, 15_000]);
    expect([...allocateCosts(30_000, records, regelFor(tabellen, 'SUB'), q3, tabellen.frequenties).shares.values()]).toEqual([10_000, 20_000]);
    writeFileSync(path.join(dir, 'toerekening.csv'), 'productcode;regel;toelichting\n*;gelijk;standaard\nSUB;naar gevoel;fout\n');
    expect(() => loadToerekening(dir)).toThrow('resources/toerekening.csv: row 3 has no valid productcode and regel (gelijk, dagen, volume)');
  });
});
