import { describe, expect, test } from 'vitest';
import type { CentralGroupsView } from '../../shared/api.ts';
import { comparisonOption, funnelOption } from './benchmarkCharts.ts';
import { profileRows } from './groupCharts.ts';

describe('the analyst charts', () => {
  test('a group profile is an index against the mean of all wijken', () => {
    const view = { kenmerken: [{ code: 'a', naam: 'A' }, { code: 'b', naam: 'B' }], gemiddelde: [0.2, 0], groepen: [{ code: 'RG01', profiel: [0.3, 0.1] }] } as unknown as CentralGroupsView;
    expect(profileRows(view, 'RG01')).toEqual([
      { kenmerk: 'A', groep: 0.3, alle: 0.2, index: 150 },
      { kenmerk: 'B', groep: 0.1, alle: 0, index: null },
    ]);
    expect(profileRows(view, 'RG09')).toEqual([]);
  });

  test('a suppressed bar has no bar and says onderdrukt, never 0', () => {
    const option = comparisonOption([{ label: 'Wijk', waarde: null, onderdrukt: true }, { label: 'Gemeente', waarde: 40, onderdrukt: false }], 'aantal', 'Cliënten') as { aria: { label: { description: string } }; series: { data: { label: { formatter: () => string }; itemStyle: { color: string } }[] }[] };
    expect(option.aria.label.description).toBe('Cliënten: Wijk onderdrukt; Gemeente 40.');
    expect(option.series[0]!.data[0]!.label.formatter()).toBe('onderdrukt');
    expect(option.series[0]!.data[0]!.itemStyle.color).toBe('transparent');
  });

  test('the funnel counts the wijken outside the 95 % limits at their expected count', () => {
    const trechter = [
      { verwacht: 10, onder95: 40, boven95: 170, onder998: 20, boven998: 210 },
      { verwacht: 100, onder95: 81, boven95: 120, onder998: 72, boven998: 131 },
    ];
    const dot = (verwacht: number, sr: number) => ({ code: 'W', naam: 'W', gemeente: 'G', verwacht, sr, eigen: false, gekozen: false });
    const option = funnelOption([dot(10, 180), dot(100, 130), dot(100, 100)], trechter) as { aria: { label: { description: string } } };
    expect(option.aria.label.description).toBe('Trechter van 3 wijken; 2 buiten de 95 %-grenzen.');
  });
});
