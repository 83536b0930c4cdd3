import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ALL_DIMENSIONS, type Figure, type Level } from './figures.ts';
import { rec, testRecords, type TestRecords } from './indicatorTestKit.ts';
import { availablePeriods } from './periodScope.ts';

/* The indicator definitions on cases small enough to compute by hand, through the SQL engine. */
let t: TestRecords;
beforeEach(async () => {
  t = await testRecords();
});
afterEach(() => t.close());

function figures(periode: string, levels: Level[] = ['gemeente', 'wijk']): Promise<Figure[]> {
  return t.figures(periode, levels.map((niveau) => ({ niveau, dimensions: ALL_DIMENSIONS })), { pijlerVolgorde: ['WMO', 'JW', 'PW'] });
}

/** The value of one figure, or undefined when the engine emitted none. */
function value(all: Figure[], indicator: string, dimensie = '', gebied = ''): number | undefined {
  const found = all.filter((f) => f.indicator === indicator && f.dimensie === dimensie && f.gebied === gebied && f.niveau === (gebied ? 'wijk' : 'gemeente'));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.waarde;
}

describe('indicators on hand-computed cases (period 2026Q2: 1 April – 30 June)', () => {
  // A: WMO running since January plus a JW voorziening inside the quarter (two pillars).
  // B: WMO starting in the quarter, nothing before: instroom.
  // C: PW ending 10 April, same household as A: uitstroom, ended zorgduur 191 days.
  // F: WMO ended 31-12-2025 (delivered for 2025Q4), starts again 1 May: instroom and herhaald beroep.
  // D starts after the quarter, E ended before it: neither counts.
  beforeEach(() => {
    t.load('2025Q4', [rec({ client: 'F', begindatum: '2025-03-01', einddatum: '2025-12-31', kosten: 80, wijk: 'W2' })]);
    t.load('2026Q2', [
      rec({ client: 'A', wijk: 'W1', begindatum: '2026-01-01', kosten: 100 }),
      rec({ client: 'A', wijk: 'W1', pijler: 'JW', productcode: 'P2', voorziening: 'JW-45', leefdomein: 'LD07', begindatum: '2026-05-01', einddatum: '2026-05-31', kosten: 50 }),
      rec({ client: 'B', wijk: 'W2', begindatum: '2026-04-15', kosten: 30 }),
      rec({ client: 'C', huishouden: 'H-A', wijk: 'W1', pijler: 'PW', productcode: 'P3', voorziening: 'PW-01', leefdomein: 'LD03', begindatum: '2025-10-01', einddatum: '2026-04-10', kosten: 20 }),
      rec({ client: 'F', wijk: 'W2', begindatum: '2026-05-01', kosten: 10 }),
      rec({ client: 'D', begindatum: '2026-07-01', kosten: 999 }),
      rec({ client: 'E', pijler: 'JW', begindatum: '2026-01-01', einddatum: '2026-03-31', kosten: 999 }),
    ]);
  });

  test('clients, households, voorzieningen, costs and costs per client', async () => {
    const all = await figures('2026Q2');
    expect(value(all, 'clienten')).toBe(4);
    expect(value(all, 'huishoudens')).toBe(3);
    expect(value(all, 'voorzieningen')).toBe(5);
    expect(value(all, 'kosten')).toBe(210);
    expect(value(all, 'kosten_per_client')).toBe(52.5);
  });

  test('splits count a client once per value; wijk rows are counted on their own', async () => {
    const all = await figures('2026Q2');
    expect(value(all, 'clienten', 'pijler=WMO')).toBe(3);
    expect(value(all, 'clienten', 'pijler=JW')).toBe(1);
    expect(value(all, 'kosten', 'pijler=JW')).toBe(50);
    expect(value(all, 'clienten', 'leefdomein=LD06')).toBe(3);
    expect(value(all, 'clienten', 'productcode=P1|aanbieder=A1')).toBe(3);
    expect(value(all, 'kosten', 'productcode=P1|aanbieder=A1')).toBe(140);
    expect(value(all, 'clienten', 'pijler=JW|voorziening=JW-45')).toBe(1);
    expect(value(all, 'clienten', '', 'W1')).toBe(2);
    expect(value(all, 'clienten', '', 'W2')).toBe(2);
    expect(value(all, 'kosten', 'pijler=WMO', 'W2')).toBe(40);
    expect(value(all, 'clienten', '', 'onbekend')).toBeUndefined();
  });

  test('stapeling by combination of pillars (clients and households) and by number of voorzieningen', async () => {
    const all = await figures('2026Q2');
    expect(value(all, 'stapeling', 'pijler=WMO')).toBe(2);
    expect(value(all, 'stapeling', 'pijler=WMO+JW')).toBe(1);
    expect(value(all, 'stapeling', 'pijler=PW')).toBe(1);
    expect(value(all, 'stapeling_huishoudens', 'pijler=WMO+JW+PW')).toBe(1);
    expect(value(all, 'stapeling_huishoudens', 'pijler=WMO')).toBe(2);
    expect(value(all, 'clienten_1_voorziening')).toBe(3);
    expect(value(all, 'clienten_2_voorzieningen')).toBe(1);
    expect(value(all, 'clienten_3_voorzieningen')).toBeUndefined();
  });

  test('instroom and uitstroom: begin stock + inflow − outflow = end stock', async () => {
    const all = await figures('2026Q2');
    expect(value(all, 'instroom')).toBe(2); // B and F
    expect(value(all, 'instroom', 'pijler=JW')).toBe(1); // A enters Jeugd while already in Wmo
    expect(value(all, 'instroom', 'pijler=WMO')).toBe(2);
    expect(value(all, 'uitstroom')).toBe(1); // C
    expect(value(all, 'uitstroom', 'pijler=JW')).toBe(1); // A leaves Jeugd, stays in Wmo
    expect(value(all, 'instroom', '', 'W2')).toBe(2);
    const clienten = value(all, 'clienten')!;
    const beginstand = clienten - value(all, 'instroom')!;
    const eindstand = clienten - value(all, 'uitstroom')!;
    expect(beginstand + value(all, 'instroom')! - value(all, 'uitstroom')!).toBe(eindstand);
    expect([beginstand, eindstand]).toEqual([2, 3]); // A and C were there on 1 April; A, B, F on 30 June
  });

  test('zorgduur of ended and of running voorzieningen, reported apart', async () => {
    const all = await figures('2026Q2');
    expect(value(all, 'zorgduur_beeindigd')).toBe(110.5); // (30 + 191) / 2
    expect(value(all, 'zorgduur_lopend')).toBe(105.3); // (180 + 76 + 60) / 3
    expect(value(all, 'zorgduur_beeindigd', 'pijler=PW')).toBe(191);
  });

  test('herhaald beroep: a new start after a gap since an earlier voorziening in the same pillar', async () => {
    const all = await figures('2026Q2');
    expect(value(all, 'herhaald_beroep')).toBe(1);
    expect(value(all, 'herhaald_beroep', 'pijler=WMO')).toBe(1);
    // A restart beyond the look-back is a first start again.
    const short = await t.figures('2026Q2', [{ niveau: 'gemeente', dimensions: [[]] }], { terugkijkJaren: 0 });
    expect(value(short, 'herhaald_beroep')).toBe(0);
  });

  test('a quarter without its preceding quarter is reported as such', async () => {
    expect((await t.scope('2026Q2')).zonderVorigePeriode).toEqual(['GM9901']);
    expect((await t.scope('2026Q1')).bronnen).toEqual([]);
  });
});

describe('periods', () => {
  test('a year is computed from its quarters’ records, never by adding quarterly counts', async () => {
    t.load('2026Q1', [rec({ client: 'X', kosten: 100 }), rec({ client: 'X', kosten: 5, productcode: 'P9', einddatum: '2026-02-01' })]);
    t.load('2026Q2', [rec({ client: 'X', kosten: 120 }), rec({ client: 'Y', begindatum: '2026-05-01', kosten: 50 })]);
    t.load('2026Q3', [rec({ client: 'X', kosten: 130 }), rec({ client: 'Y', begindatum: '2026-05-01', kosten: 60, wijk: 'W7' })]);
    t.load('2026Q4', [rec({ client: 'X', kosten: 140 })]);
    const q = [];
    for (const p of ['2026Q1', '2026Q2', '2026Q3', '2026Q4']) q.push(value(await figures(p), 'clienten'));
    expect(q).toEqual([1, 2, 2, 1]);
    const year = await figures('2026');
    expect(value(year, 'clienten')).toBe(2);
    expect(value(year, 'voorzieningen')).toBe(3);
    expect(value(year, 'kosten')).toBe(605);
    // Y moved to W7 in Q3: in the year it counts where its latest quarter put it.
    expect(value(year, 'clienten', '', 'W7')).toBe(1);
    const half = await figures('2026H1');
    expect(value(half, 'kosten')).toBe(275);
    expect(availablePeriods(t.set.loaded())).toEqual(['2026Q4', '2026H2', '2026', '2026Q3', '2026Q2', '2026H1', '2026Q1']);
  });

  test('a year delivery wins over quarters of the same year; a corrected delivery replaces the first', async () => {
    t.load('2026Q1', [rec({ client: 'X', kosten: 100 })]);
    t.load('2026', [rec({ client: 'Z', kosten: 7 })]);
    expect(value(await figures('2026'), 'clienten')).toBe(1);
    expect(value(await figures('2026'), 'kosten')).toBe(7);
    expect(value(await figures('2026Q1'), 'kosten')).toBe(100);
    t.load('2026Q1', [rec({ client: 'X', kosten: 90 })]);
    expect(value(await figures('2026Q1'), 'kosten')).toBe(90);
  });

  test('duplicate rows within one delivery stay two voorzieningen', async () => {
    t.load('2026Q1', [rec({ client: 'X', kosten: 10 }), rec({ client: 'X', kosten: 10 })]);
    expect(value(await figures('2026Q1'), 'voorzieningen')).toBe(2);
    expect(value(await figures('2026Q1'), 'clienten')).toBe(1);
  });

  test('deliveries of several gemeenten are counted per gemeente', async () => {
    t.load('2026Q1', [rec({ client: 'X' }), rec({ client: 'Y' })], 'GM9901');
    t.load('2026Q1', [rec({ client: 'X' })], 'GM9902');
    const all = (await figures('2026Q1', ['gemeente'])).filter((f) => f.indicator === 'clienten' && f.dimensie === '');
    expect(all.map((f) => [f.gemeente, f.waarde])).toEqual([
      ['GM9901', 2],
      ['GM9902', 1],
    ]);
  });
});

describe('jeugd, wachttijd and unknown costs', () => {
  test('Jeugd split at 18, waiting time from aanvraag to start, no costs is no cost figure', async () => {
    t.load('2026Q2', [
      rec({ client: 'K1', pijler: 'JW', leeftijd: 12, begindatum: '2026-04-01', aanvraagdatum: '2026-03-20' }),
      rec({ client: 'K2', pijler: 'JW', leeftijd: 17, begindatum: '2026-04-21', aanvraagdatum: '2026-04-01' }),
      rec({ client: 'K3', pijler: 'JW', leeftijd: 19 }),
      rec({ client: 'K4', pijler: 'JW', leeftijd: null }),
    ]);
    const all = await figures('2026Q2');
    expect(value(all, 'clienten_jeugd_tot_18')).toBe(2);
    expect(value(all, 'clienten_jeugd_18_plus')).toBe(1);
    expect(value(all, 'wachttijd')).toBe(16); // (12 + 20) / 2
    expect(value(all, 'kosten')).toBeUndefined();
    expect(value(all, 'kosten_per_client')).toBeUndefined();
    expect(value(all, 'huishoudens')).toBe(4);
  });

  test('a gebied level counts by the second area level', async () => {
    t.load('2026Q2', [rec({ client: 'X', gebied: 'Noord' }), rec({ client: 'Y', gebied: 'Noord' }), rec({ client: 'Z' })]);
    const all = await figures('2026Q2', ['gebied']);
    expect(all.find((f) => f.indicator === 'clienten' && f.dimensie === '' && f.gebied === 'Noord')?.waarde).toBe(2);
    expect(all.find((f) => f.indicator === 'clienten' && f.dimensie === '' && f.gebied === '')?.waarde).toBe(1);
  });
});

describe('a split answered by the query of another with the same groups (figuresSql planSplits)', () => {
  // P1 is WMO in two leefdomeinen; P2 is JW in one; every pijler has its own leefdomeinen.
  const records = [
    rec({ client: 'X', productcode: 'P1', leefdomein: 'LD06', kosten: 10 }),
    rec({ client: 'Y', productcode: 'P1', leefdomein: 'LD02', kosten: 20 }),
    rec({ client: 'Y', productcode: 'P1', leefdomein: 'LD02', kosten: 1, aanbieder: 'A2' }),
    rec({ client: 'Z', pijler: 'JW', productcode: 'P2', voorziening: 'JW-45', leefdomein: 'LD07', kosten: 5 }),
  ];

  test('only where the keys determine each other: a product in two leefdomeinen gets a row per leefdomein', async () => {
    t.load('2026Q2', records);
    const all = await figures('2026Q2');
    expect(value(all, 'clienten', 'productcode=P1')).toBe(2);
    // P1 has one pijler: the pair is the product's own figure.
    expect(value(all, 'clienten', 'pijler=WMO|productcode=P1')).toBe(2);
    expect(value(all, 'voorzieningen', 'pijler=WMO|productcode=P1')).toBe(3);
    // … but two leefdomeinen: one figure each.
    expect(value(all, 'clienten', 'leefdomein=LD06|productcode=P1')).toBe(1);
    expect(value(all, 'kosten', 'leefdomein=LD02|productcode=P1')).toBe(21);
    expect(value(all, 'voorzieningen', 'leefdomein=LD02|productcode=P1|aanbieder=A2')).toBeUndefined();
    expect(value(all, 'kosten', 'leefdomein=LD02|aanbieder=A2')).toBe(1);
    expect(value(all, 'kosten', 'pijler=JW|leefdomein=LD07')).toBe(5);
    expect(value(all, 'clienten', 'pijler=WMO|leefdomein=LD02')).toBe(1);
    expect(value(all, 'clienten', 'voorziening=JW-45|productcode=P2')).toBe(1);
    // A reused split still writes only its own indicators: no zorgduur per pijler|voorziening.
    expect(all.some((f) => f.indicator === 'zorgduur_lopend' && f.dimensie.includes('|'))).toBe(false);
    expect(all.some((f) => f.indicator === 'instroom' && f.dimensie.startsWith('leefdomein='))).toBe(false);
    expect(value(all, 'zorgduur_lopend', 'pijler=WMO')).toBeDefined();
    expect(value(all, 'clienten', 'pijler=WMO', 'WK990101')).toBe(2);
  });

  test('ALLE decides for all gemeenten together: a product in one leefdomein per gemeente but two in all', async () => {
    t.load('2026Q2', [records[0]!, records[3]!], 'GM9901');
    t.load('2026Q2', [records[1]!], 'GM9902');
    const all = await t.figures('2026Q2', [{ niveau: 'gemeente', dimensions: ALL_DIMENSIONS }], { pijlerVolgorde: ['WMO', 'JW'], alle: true });
    const of = (gemeente: string, indicator: string, dimensie: string) => all.filter((f) => f.gemeente === gemeente && f.indicator === indicator && f.dimensie === dimensie).map((f) => f.waarde);
    expect(of('GM9901', 'clienten', 'leefdomein=LD06|productcode=P1')).toEqual([1]);
    expect(of('GM9902', 'clienten', 'leefdomein=LD02|productcode=P1')).toEqual([1]);
    expect(of('ALLE', 'clienten', 'productcode=P1')).toEqual([2]);
    expect(of('ALLE', 'clienten', 'leefdomein=LD06|productcode=P1')).toEqual([1]);
    expect(of('ALLE', 'clienten', 'leefdomein=LD02|productcode=P1')).toEqual([1]);
    expect(of('ALLE', 'kosten', 'leefdomein=LD02|productcode=P1')).toEqual([20]);
  });
});
