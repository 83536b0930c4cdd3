import { afterEach, describe, expect, test } from 'vitest';
import { SINGLE_DIMENSIONS, type Figure } from '../indicators/figures.ts';
import { rec, testRecords, type TestRecords } from '../indicators/indicatorTestKit.ts';
import { parsePeriode } from '../period/periode.ts';

const open: TestRecords[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));

async function withLasten(lasten: { productcode: string; aanbieder: string; kosten: number }[]) {
  const t = await testRecords();
  open.push(t);
  const records = [
    // P1 has costs per client; SUB is a subsidised product without them (kosten null).
    rec({ client: 'a', kosten: 300, begindatum: '2026-07-01', wijk: 'WK990101' }),
    rec({ client: 'a', productcode: 'SUB', aanbieder: '12345678', aanbieder_naam: 'Buurtwerk', begindatum: '2026-01-01', wijk: 'WK990101' }),
    rec({ client: 'b', productcode: 'SUB', aanbieder: '12345678', aanbieder_naam: 'Buurtwerk', begindatum: '2026-09-01', wijk: 'WK990102' }),
    rec({ client: 'c', productcode: 'SUB', aanbieder: null, aanbieder_naam: 'Welzijn Oost', begindatum: '2026-06-01', einddatum: '2026-07-10', wijk: 'WK990102' }),
  ];
  const sink = t.set.open({ gemeente: 'GM9901', gemeentenaam: 'Test', periode: parsePeriode('2026Q3'), omschrijving: 'test' });
  sink.add(records);
  const { bron } = sink.finish() as { bron: number };
  await t.set.addLasten(bron, lasten);
  return t;
}

const find = (figures: Figure[], indicator: string, dimensie: string, gebied = '') => figures.find((f) => f.indicator === indicator && f.dimensie === dimensie && f.gebied === gebied)?.waarde;

describe('toerekening in the figures engine', () => {
  test('a product total by days in care: every cost figure with and without allocation, per wijk too', async () => {
    // € 1.320 for SUB over 92 (a), 30 (b) and 10 (c) days of 2026Q3: 920, 300 and 100.
    const t = await withLasten([{ productcode: 'SUB', aanbieder: '', kosten: 1320 }]);
    const scope = await t.scope('2026Q3');
    expect(scope.toerekening?.lasten).toEqual([{ gemeente: 'GM9901', periode: '2026Q3', productcode: 'SUB', aanbieder: '', kosten: 1320, regel: 'dagen', voorzieningen: 3, clienten: 3 }]);
    expect(scope.toerekening?.nietToegerekend).toEqual([]);
    const figures = await t.figures('2026Q3', [
      { niveau: 'gemeente', dimensions: SINGLE_DIMENSIONS },
      { niveau: 'wijk', dimensions: [[]] },
    ]);
    expect(find(figures, 'kosten', '')).toBe(1620);
    expect(find(figures, 'kosten', 'kosten_bron=client')).toBe(300);
    expect(find(figures, 'kosten', 'kosten_bron=toegerekend')).toBe(1320);
    expect(find(figures, 'kosten_per_client', '')).toBe(540);
    expect(find(figures, 'kosten_per_client', 'kosten_bron=client')).toBe(100);
    expect(find(figures, 'kosten_per_client', 'kosten_bron=toegerekend')).toBe(440);
    // Per product: SUB has only allocated costs, P1 only its own.
    expect(find(figures, 'kosten', 'productcode=SUB')).toBe(1320);
    expect(find(figures, 'kosten', 'productcode=SUB|kosten_bron=client')).toBeUndefined();
    expect(find(figures, 'kosten', 'productcode=P1|kosten_bron=toegerekend')).toBeUndefined();
    // Per wijk: a's 920 (and its 300) in WK990101, b's 300 + c's 100 in WK990102.
    expect(find(figures, 'kosten', '', 'WK990101')).toBe(1220);
    expect(find(figures, 'kosten', 'kosten_bron=toegerekend', 'WK990101')).toBe(920);
    expect(find(figures, 'kosten', '', 'WK990102')).toBe(400);
  });

  test('per aanbieder, by AGB code or by name; an amount no voorziening matches is reported', async () => {
    const t = await withLasten([
      { productcode: 'SUB', aanbieder: '12345678', kosten: 100 },
      { productcode: 'SUB', aanbieder: 'WELZIJN  oost', kosten: 50 },
      { productcode: 'SUB', aanbieder: 'Niemand', kosten: 75 },
    ]);
    const scope = await t.scope('2026Q3');
    expect(scope.toerekening?.nietToegerekend.map((l) => [l.aanbieder, l.kosten])).toEqual([['Niemand', 75]]);
    const figures = await t.figures('2026Q3', [{ niveau: 'gemeente', dimensions: [[], ['aanbieder']] }]);
    // 12345678: a 92 days, b 30 days of € 100 → 75.41 + 24.59.
    expect(find(figures, 'kosten', 'aanbieder=12345678|kosten_bron=toegerekend')).toBe(100);
    expect(find(figures, 'kosten', 'aanbieder=welzijn oost|kosten_bron=toegerekend')).toBe(50);
    expect(find(figures, 'kosten', 'kosten_bron=toegerekend')).toBe(150);
  });

  test('without lasten nothing changes: no kosten_bron rows, no toerekening in the scope', async () => {
    const t = await withLasten([]);
    const scope = await t.scope('2026Q3');
    expect(scope.toerekening).toBeUndefined();
    const figures = await t.figures('2026Q3', [{ niveau: 'gemeente', dimensions: [[]] }]);
    expect(figures.filter((f) => f.dimensie.includes('kosten_bron'))).toEqual([]);
    expect(find(figures, 'kosten', '')).toBe(300);
  });
});
