import { afterEach, describe, expect, test } from 'vitest';
import { aanbiedersanalyse } from '../indicators/aanbiedersanalyse.ts';
import { rec, testRecords, type TestRecords } from '../indicators/indicatorTestKit.ts';
import { informatievragen } from '../indicators/informatievragen.ts';
import { programmeringFigures, programmeringStand } from '../indicators/programmering.ts';
import { parsePeriode } from '../period/periode.ts';
import type { ProgrammeringRow } from '../programmering/programmeringTable.ts';

/*
 * One lump-sum product allocated over three clients, by hand. 2026Q3 (92 days): client a has P1
 * with € 300 of its own (aanbieder A1) and SUB at Buurtwerk (12345678) the whole quarter; b has SUB
 * at Buurtwerk from 1 September (30 days); c has SUB at Welzijn Oost up to 10 July (10 days).
 * SUB has no costs per client; its lasten of € 1.320 go by days in care: 920, 300 and 100.
 */
const open: TestRecords[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));

async function period(lasten: { productcode: string; aanbieder: string; kosten: number }[]): Promise<TestRecords> {
  const t = await testRecords();
  open.push(t);
  const sink = t.set.open({ gemeente: 'GM9901', gemeentenaam: 'Test', periode: parsePeriode('2026Q3'), omschrijving: 'test' });
  sink.add([
    rec({ client: 'a', kosten: 300, begindatum: '2026-07-01' }),
    rec({ client: 'a', productcode: 'SUB', product: 'Subsidie', aanbieder: '12345678', aanbieder_naam: 'Buurtwerk', begindatum: '2026-01-01' }),
    rec({ client: 'b', productcode: 'SUB', product: 'Subsidie', aanbieder: '12345678', aanbieder_naam: 'Buurtwerk', begindatum: '2026-09-01' }),
    rec({ client: 'c', productcode: 'SUB', product: 'Subsidie', aanbieder: null, aanbieder_naam: 'Welzijn Oost', begindatum: '2026-06-01', einddatum: '2026-07-10' }),
  ]);
  const { bron } = sink.finish() as { bron: number };
  await t.set.addLasten(bron, lasten);
  return t;
}

const SUB_TOTAAL = [{ productcode: 'SUB', aanbieder: '', kosten: 1320 }];
const target = (over: Partial<ProgrammeringRow>): ProgrammeringRow => ({ jaar: 2026, pijler: 'WMO', productcode: '', aanbieder: '', wijk: '', clienten: null, kosten: null, aandeel: null, ...over });

describe('costs with and without toerekening in the analyses', () => {
  test('aanbiedersanalyse: omzet and average per cliënt with, without and allocated, per row, subtotal and total', async () => {
    const t = await period(SUB_TOTAAL);
    await t.scope('2026Q3');
    const a = await aanbiedersanalyse(t.connection);
    const money = (omzet: number, gemiddeldeKosten: number) => ({ omzet, gemiddeldeKosten });
    const p1 = a.producten.find((p) => p.productcode === 'P1')!;
    expect(p1).toMatchObject({ omzet: 300, clienten: 1, perBron: { client: money(300, 300), toegerekend: money(0, 0) } });
    const sub = a.producten.find((p) => p.productcode === 'SUB')!;
    // Buurtwerk: a 920 + b 300 over two clients; Welzijn Oost: c's 100. Nothing recorded per client.
    expect(sub.aanbieders.map((r) => [r.aanbiederNaam, r.omzet, r.clienten, r.perBron])).toEqual([
      ['Welzijn Oost', 100, 1, { client: money(0, 0), toegerekend: money(100, 100) }],
      ['Buurtwerk', 1220, 2, { client: money(0, 0), toegerekend: money(1220, 610) }],
    ]);
    expect(sub).toMatchObject({ omzet: 1320, clienten: 3, gemiddeldeKosten: 440, perBron: { client: money(0, 0), toegerekend: money(1320, 440) } });
    // Three clients: 1 620 with, 300 without, 1 320 allocated; per client 540 = 100 + 440.
    expect(a.totaal).toEqual({ omzet: 1620, clienten: 3, gemiddeldeKosten: 540, perBron: { client: money(300, 100), toegerekend: money(1320, 440) } });
    expect(a.perAanbieder.find((r) => r.aanbieder === 'A1')?.perBron).toEqual({ client: money(300, 300), toegerekend: money(0, 0) });
  });

  test('informatievragen: kosten, the duurste cliënten, the 80 % count and the share with costs, with, without and allocated', async () => {
    const t = await period(SUB_TOTAAL);
    await t.scope('2026Q3');
    const v = await informatievragen(t.connection, 3);
    expect(v.clienten).toBe(3);
    expect(v.kosten).toBe(1620);
    // a 300 + 920 = 1 220, b 300, c 100.
    expect(v.duursteClienten.map((c) => [c.kosten, c.perBron])).toEqual([
      [1220, { client: 300, toegerekend: 920 }],
      [300, { client: 0, toegerekend: 300 }],
      [100, { client: 0, toegerekend: 100 }],
    ]);
    // With: 80 % of 1 620 is 1 296, a alone has 1 220, a and b reach it: 2. Without: a's 300 is all of it: 1.
    // Allocated: 80 % of 1 320 is 1 056, a's 920 does not reach it, with b's 300 it does: 2.
    expect(v.clientenVoor80ProcentKosten).toBe(2);
    expect(v.aandeelClientenMetKosten).toBe(100);
    expect(v.perBron!.client).toEqual({ kosten: 300, clientenVoor80ProcentKosten: 1, aandeelClientenMetKosten: (1 / 3) * 100 });
    expect(v.perBron!.toegerekend).toEqual({ kosten: 1320, clientenVoor80ProcentKosten: 2, aandeelClientenMetKosten: 100 });
  });

  test('programmering: realisation, percentage of the target, projection and over/under, with, without and allocated', async () => {
    const t = await period(SUB_TOTAAL);
    const stand = await programmeringStand(t.connection, t.set, parsePeriode('2026Q3'), [target({ kosten: 6000 }), target({ productcode: 'SUB', clienten: 4, kosten: 4000 })]);
    // Only 2026Q3 is loaded: 92 days of 365, the projection × 365 / 92.
    expect(stand).toMatchObject({ dagenGedekt: 92, dagenJaar: 365 });
    const [wmo, sub] = stand.regels;
    // WMO: 1 620 = 300 + 1 320. Projections 1 620 × 365 / 92 = 6 427,17; 300 → 1 190,22; 1 320 → 5 236,96 (each rounded on its own).
    expect(wmo).toMatchObject({ realisatie: { kosten: 1620 }, prognose: { kosten: 6427.17 }, verschilKosten: 427.17, signaal: 'dreigt overschreden' });
    expect(wmo!.realisatieKostenPct).toBeCloseTo(27, 10);
    expect(wmo!.verschilKostenPct).toBeCloseTo((427.17 / 6000) * 100, 10);
    expect(wmo!.kostenPerBron!.client).toMatchObject({ kosten: 300, prognose: 1190.22, verschil: -4809.78 });
    expect(wmo!.kostenPerBron!.client.realisatiePct).toBeCloseTo(5, 10);
    expect(wmo!.kostenPerBron!.client.verschilPct).toBeCloseTo((-4809.78 / 6000) * 100, 10);
    // The allocated part adds its projection to the over/under: 427,17 ≈ −4 809,78 + 5 236,96.
    expect(wmo!.kostenPerBron!.toegerekend).toMatchObject({ kosten: 1320, prognose: 5236.96, verschil: 5236.96 });
    expect(wmo!.kostenPerBron!.toegerekend.realisatiePct).toBeCloseTo(22, 10);
    // SUB: everything allocated, nothing recorded per client: 1 320 of 4 000 is 33 %, without 0 %.
    expect(sub).toMatchObject({ realisatie: { clienten: 3, kosten: 1320 }, prognose: { kosten: 5236.96 }, verschilKosten: 1236.96 });
    expect(sub!.kostenPerBron!.client).toEqual({ kosten: 0, prognose: 0, realisatiePct: 0, verschil: -4000, verschilPct: -100 });
    expect(sub!.kostenPerBron!.toegerekend).toMatchObject({ kosten: 1320, prognose: 5236.96, realisatiePct: 33, verschil: 5236.96 });

    // The figures: both cost indicators also marked with their kosten_bron, last in dimensie.
    const figures = programmeringFigures(stand, '2026Q3');
    const value = (indicator: string, dimensie: string) => figures.find((f) => f.indicator === indicator && f.dimensie === dimensie)?.waarde;
    expect(value('realisatie_kosten_pct', 'pijler=WMO')).toBe(27);
    expect(value('realisatie_kosten_pct', 'pijler=WMO|kosten_bron=client')).toBe(5);
    expect(value('realisatie_kosten_pct', 'pijler=WMO|kosten_bron=toegerekend')).toBe(22);
    expect(value('prognose_kosten', 'pijler=WMO|productcode=SUB')).toBe(5236.96);
    expect(value('prognose_kosten', 'pijler=WMO|productcode=SUB|kosten_bron=client')).toBe(0);
    expect(value('prognose_kosten', 'pijler=WMO|productcode=SUB|kosten_bron=toegerekend')).toBe(5236.96);
    // Targets and client figures have no kosten_bron.
    expect(figures.filter((f) => f.dimensie.includes('kosten_bron')).map((f) => f.indicator).sort()).toEqual(
      ['prognose_kosten', 'prognose_kosten', 'prognose_kosten', 'prognose_kosten', 'realisatie_kosten_pct', 'realisatie_kosten_pct', 'realisatie_kosten_pct', 'realisatie_kosten_pct'],
    );
  });

  test('without lasten the analyses carry no variants and the figures no kosten_bron', async () => {
    const t = await period([]);
    await t.scope('2026Q3');
    const a = await aanbiedersanalyse(t.connection);
    expect(a.totaal).toEqual({ omzet: 300, clienten: 3, gemiddeldeKosten: 100, perBron: null });
    expect(a.producten.every((p) => p.perBron === null && p.aanbieders.every((r) => r.perBron === null))).toBe(true);
    const v = await informatievragen(t.connection, 3);
    expect(v).toMatchObject({ kosten: 300, clientenVoor80ProcentKosten: 1, perBron: null });
    expect(v.duursteClienten).toEqual([{ client: expect.any(String), kosten: 300, voorzieningen: 2, pijlers: 'WMO', perBron: null }]);
    const stand = await programmeringStand(t.connection, t.set, parsePeriode('2026Q3'), [target({ kosten: 6000 })]);
    expect(stand.regels[0]!.kostenPerBron).toBeNull();
    expect(programmeringFigures(stand, '2026Q3').some((f) => f.dimensie.includes('kosten_bron'))).toBe(false);
  });
});
