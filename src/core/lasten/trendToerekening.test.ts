import { describe, expect, test } from 'vitest';
import { trendRows } from '../benchmark/trends.ts';

describe('the analyst’s trend with toerekening', () => {
  test('a cost figure’s marked variants are compared like the figure itself; other marked figures and deeper splits are not', () => {
    const row = (periode: string, indicator: string, dimensie: string, waarde: string) => ({ periode, gemeente: 'GM9901', wijk: '', indicator, dimensie, waarde });
    const base = [row('2025Q2', 'kosten', '', '1000'), row('2025Q2', 'kosten', 'kosten_bron=client', '800'), row('2025Q2', 'kosten', 'pijler=WMO|kosten_bron=toegerekend', '200'), row('2025Q2', 'kosten', 'productcode=P1|kosten_bron=client', '5')];
    const current = [row('2026Q2', 'kosten', '', '1500'), row('2026Q2', 'kosten', 'kosten_bron=client', '1000'), row('2026Q2', 'kosten', 'pijler=WMO|kosten_bron=toegerekend', '500'), row('2026Q2', 'kosten', 'productcode=P1|kosten_bron=client', '6')];
    expect(trendRows(base, current, () => true).map((r) => [r.dimensie, r.ijkwaarde, r.waarde, r.verschil, r.index])).toEqual([
      ['', 1000, 1500, 500, 150],
      ['kosten_bron=client', 800, 1000, 200, 125],
      ['pijler=WMO|kosten_bron=toegerekend', 200, 500, 300, 250],
    ]);
  });
});
