import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aanbiedersanalyse, type Aanbiedersanalyse } from './aanbiedersanalyse.ts';
import { aanbieders, productcode, quarterlyRecords, rows, subtotals } from './haarlemTestData.ts';
import { rec, testRecords, type TestRecords } from './indicatorTestKit.ts';
import { informatievragen } from './informatievragen.ts';

let haarlem: TestRecords;
let analysis: Aanbiedersanalyse;
const opened: TestRecords[] = [];

/** A record set of its own for one case, closed after the file. */
async function small(): Promise<TestRecords> {
  const t = await testRecords();
  opened.push(t);
  return t;
}

beforeAll(async () => {
  haarlem = await small();
  for (const [quarter, records] of quarterlyRecords()) haarlem.load(quarter, records, 'GM0392');
  await haarlem.scope('2019', { gemeente: 'GM0392', pijler: 'JW' });
  analysis = await aanbiedersanalyse(haarlem.connection);
});
afterAll(() => opened.forEach((t) => t.close()));

describe('aanbiedersanalyse rebuilds Haarlem bijlage 6 (Jeugdhulp met verblijf 2019)', () => {
  test('every row: product, aanbieder, omzet and clients exactly, in the report’s order', () => {
    const got = analysis.producten.flatMap((p) => p.aanbieders.map((a) => ({ product: a.product, aanbieder: a.aanbiederNaam, omzet: a.omzet, clienten: a.clienten })));
    expect(got).toEqual(rows.map((r) => ({ product: r.product, aanbieder: r.aanbieder, omzet: r.omzet, clienten: r.clienten })));
  });

  test('every subtotal and the total within 2 euros of the printed figure, client counts exactly', () => {
    const blocks = [...analysis.producten.map((p) => ({ omzet: p.omzet, clienten: p.clienten })), { omzet: analysis.totaal.omzet, clienten: analysis.totaal.clienten }];
    expect(blocks).toHaveLength(subtotals.length);
    blocks.forEach((block, i) => {
      expect(Math.abs(block.omzet - subtotals[i]!.omzet)).toBeLessThanOrEqual(2);
      expect(block.clienten).toBe(subtotals[i]!.clienten);
    });
    // A subtotal is computed from the records, so it is the exact sum of its rows (2013054, not the printed 2013053).
    expect(analysis.producten[0]!.omzet).toBe(2013054);
    expect(analysis.totaal.omzet).toBe(8022538);
  });

  test('shares and averages as the report explains them', () => {
    const pleegzorg = analysis.producten.filter((p) => p.product.includes('leegzorg'));
    expect(pleegzorg.reduce((n, p) => n + p.clienten, 0)).toBe(156);
    expect(pleegzorg.reduce((n, p) => n + p.aandeelClienten, 0)).toBeCloseTo((156 / 314) * 100, 10); // ≈ 50 %
    expect(Math.round(analysis.producten[0]!.gemiddeldeKosten)).toBe(47930); // Residentieel 2013054 / 42
    const kenter = analysis.perAanbieder.find((a) => a.aanbiederNaam === 'Kenter jeugdhulp')!;
    expect(kenter.clienten).toBe(24 + 20 + 14 + 31 + 94 + 29);
    expect(kenter.omzet).toBe(1112017 + 404243 + 787318 + 1128873 + 1062053 + 64606);
    expect(kenter.gemiddeldeKosten).toBeCloseTo(kenter.omzet / kenter.clienten, 10);
  });

  test('a client with two aanbieders of one product counts once in the product’s subtotal', async () => {
    const one = await small();
    one.load('2019', [
      rec({ client: 'X', aanbieder: 'A1', kosten: 10, begindatum: '2019-01-01' }),
      rec({ client: 'X', aanbieder: 'A2', kosten: 30, begindatum: '2019-01-01' }),
      rec({ client: 'Y', aanbieder: 'A2', kosten: 20, begindatum: '2019-01-01' }),
    ]);
    await one.scope('2019');
    const result = await aanbiedersanalyse(one.connection);
    expect(result.producten[0]!.aanbieders.map((a) => [a.aanbieder, a.omzet, a.clienten])).toEqual([
      ['A1', 10, 1],
      ['A2', 50, 2],
    ]);
    expect(result.producten[0]!.clienten).toBe(2);
    expect(result.producten[0]!.aanbieders[1]!.aandeelClienten).toBe(100);
  });
});

describe('informatievragen', () => {
  test('top clients, the clients behind 80 % of costs, share with costs booked, intensity', async () => {
    const one = await small();
    const costs = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];
    one.load('2026Q1', [
      ...costs.map((kosten, i) => rec({ client: `K${i}`, kosten, volume: i + 1, eenheid: '04', frequentie: '2' })),
      rec({ client: 'K10', kosten: 0 }),
      rec({ client: 'K11', kosten: null, volume: 3, eenheid: '04', frequentie: '2', productcode: 'P2' }),
    ]);
    await one.scope('2026Q1');
    const answers = await informatievragen(one.connection, 3);
    expect(answers.clienten).toBe(12);
    expect(answers.kosten).toBe(550);
    expect(answers.duursteClienten.map((c) => [c.client, c.kosten])).toEqual([
      ['K0', 100],
      ['K1', 90],
      ['K2', 80],
    ]);
    expect(answers.clientenVoor80ProcentKosten).toBe(6); // 100+90+80+70+60+50 = 450 ≥ 440
    expect(answers.aandeelClientenMetKosten).toBeCloseTo((10 / 12) * 100, 10);
    expect(answers.intensiteit).toEqual([
      { productcode: 'P1', product: 'Product 1', eenheid: '04', frequentie: '2', voorzieningen: 10, gemiddeldVolume: 5.5 },
      { productcode: 'P2', product: 'Product 1', eenheid: '04', frequentie: '2', voorzieningen: 1, gemiddeldVolume: 3 },
    ]);
  });
});

describe('aanbieders without an AGB code', () => {
  // An export with provider names and no AGB column: the name identifies the aanbieder, written
  // the way people write names (case, accents, punctuation and spacing vary).
  const records = [
    rec({ client: 'N1', aanbieder: null, aanbieder_naam: 'Stichting Zorg=Nabij', kosten: 100 }),
    rec({ client: 'N2', aanbieder: null, aanbieder_naam: 'Zorggroep Ééndracht & Cie', kosten: 200 }),
    rec({ client: 'N3', aanbieder: null, aanbieder_naam: 'ZORGGROEP EENDRACHT & CIE ', kosten: 50 }),
    rec({ client: 'N4', aanbieder: null, aanbieder_naam: 'Zorggroep Ééndracht & Cie', kosten: 30, productcode: 'P2', product: 'Product 2' }),
    rec({ client: 'N5', aanbieder: '75000001', aanbieder_naam: 'Thuishulp De Proefhoeve', kosten: 10 }),
    rec({ client: 'N6', aanbieder: null, aanbieder_naam: null, kosten: 5 }),
  ];

  test('are told apart by their normalised name, shown by their most frequent spelling', async () => {
    const one = await small();
    one.load('2026Q1', records);
    await one.scope('2026Q1');
    const result = await aanbiedersanalyse(one.connection);
    expect(result.perAanbieder.map((a) => [a.aanbieder, a.aanbiederNaam, a.omzet, a.clienten])).toEqual([
      ['zorggroep eendracht cie', 'Zorggroep Ééndracht & Cie', 280, 3],
      ['stichting zorg nabij', 'Stichting Zorg=Nabij', 100, 1],
      ['75000001', 'Thuishulp De Proefhoeve', 10, 1],
      ['', '', 5, 1],
    ]);
    expect(result.producten.map((p) => [p.productcode, p.aanbieders.map((a) => [a.aanbieder, a.omzet, a.clienten])])).toEqual([
      ['P1', [['', 5, 1], ['75000001', 10, 1], ['stichting zorg nabij', 100, 1], ['zorggroep eendracht cie', 250, 2]]],
      ['P2', [['zorggroep eendracht cie', 30, 1]]],
    ]);
  });

  test('across the quarters of a year the same voorziening at the same named aanbieder is one', async () => {
    const one = await small();
    const at = (aanbieder_naam: string, kosten: number) => rec({ client: 'J1', aanbieder: null, aanbieder_naam, kosten, begindatum: '2026-01-01' });
    // The second quarter lists the two providers the other way round.
    one.load('2026Q1', [at('Stichting Zorg=Nabij', 100), at('Zorggroep Ééndracht & Cie', 10)]);
    one.load('2026Q2', [at('zorggroep eendracht & cie', 20), at('Stichting Zorg=Nabij', 200)]);
    await one.scope('2026H1');
    const result = await aanbiedersanalyse(one.connection);
    expect(result.perAanbieder.map((a) => [a.aanbieder, a.omzet, a.clienten])).toEqual([
      ['stichting zorg nabij', 300, 1],
      ['zorggroep eendracht cie', 30, 1],
    ]);
  });
});
