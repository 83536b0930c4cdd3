import { describe, expect, test } from 'vitest';
import { categoryMapOption, choroplethOption, featureCollection, legendPieces, NO_FIGURE_COLOUR } from './mapOptions.ts';

describe('wijk map options', () => {
  test('the legend: five equal classes over the values, in nl-NL numbers', () => {
    const pieces = legendPieces([1000, 6000], 'euro');
    expect(pieces).toHaveLength(5);
    expect(pieces[0]!.label.replace(/\u00a0/g, ' ')).toBe('€ 1.000,00 – € 2.000,00');
    expect(pieces[4]!.label.replace(/\u00a0/g, ' ')).toBe('€ 5.000,00 – € 6.000,00');
    expect(legendPieces([12.5, 12.5], 'getal').map((p) => p.label)).toEqual(['12,5']);
    expect(legendPieces([], 'aantal')).toEqual([]);
  });

  test('a wijk without a figure is grey and keeps its reason, never a 0', () => {
    const option = choroplethOption('m', [{ code: 'WK990101', naam: 'Centrum', waarde: 12 }, { code: 'WK990102', naam: 'Noord', waarde: null, tekst: 'onderdrukt' }], 'aantal', 'Cliënten') as { series: { data: { name: string; value: number; waarde: number | null; tekst?: string; itemStyle?: { areaColor: string } }[] }[] };
    const [a, b] = option.series[0]!.data;
    expect(a).toMatchObject({ name: 'WK990101', value: 12 });
    expect(b!.value).toBeNaN();
    expect(b).toMatchObject({ waarde: null, tekst: 'onderdrukt', itemStyle: { areaColor: NO_FIGURE_COLOUR } });
  });

  test('shapes become features named by wijk code', () => {
    const fc = featureCollection({ jaar: 2024, gebieden: [{ code: 'WK990101', naam: 'Centrum', geometrie: { type: 'Polygon', coordinates: [[[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]]] } }] });
    expect(fc.features[0]).toMatchObject({ type: 'Feature', properties: { name: 'WK990101' }, geometry: { type: 'Polygon' } });
  });

  test('by reference group: one colour per group, the legend names the groups, the tooltip their description', () => {
    const option = categoryMapOption('m', [{ code: 'WK1', naam: 'Een', categorie: 'RG02' }, { code: 'WK2', naam: 'Twee', categorie: 'RG01' }, { code: 'WK3', naam: 'Drie', categorie: 'RG01' }], new Map([['RG01', 'ouder dan gemiddeld']]), 'groep') as {
      visualMap: { pieces: { value: number; label: string; color: string }[] };
      tooltip: { formatter: (p: { data: { naam: string; categorie: string } }) => string };
      series: { data: { name: string; value: number }[] }[];
    };
    // A map series takes numbers: a group is its index in the legend.
    expect(option.visualMap.pieces.map((p) => [p.value, p.label])).toEqual([[0, 'RG01'], [1, 'RG02']]);
    expect(new Set(option.visualMap.pieces.map((p) => p.color)).size).toBe(2);
    expect(option.series[0]!.data.map((d) => [d.name, d.value])).toEqual([['WK1', 1], ['WK2', 0], ['WK3', 0]]);
    expect(option.tooltip.formatter({ data: { naam: 'Twee', categorie: 'RG01' } })).toBe('Twee: RG01 ouder dan gemiddeld');
  });
});
