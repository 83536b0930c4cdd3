import { describe, expect, it } from 'vitest';
import type { OverzichtCijfers } from '../../shared/api.ts';
import { asAantal, asEuroRond, chartOptions, fitsRadial, fitsTangential, wijkNaam } from './chartOptions.ts';
import { pngCaption } from './pngCaption.ts';

const cijfers = (over: Partial<OverzichtCijfers> = {}): OverzichtCijfers => ({
  periode: '2026Q3',
  vergelijk: null,
  tegels: [],
  wijken: [
    { wijk: 'WK990101', clienten: 210_000, kosten: 1_234_567.5 },
    { wijk: 'WK990102', clienten: 12, kosten: null },
    { wijk: 'onbekend', clienten: 3, kosten: 10 },
  ],
  waaier: [
    { leefdomein: 'LD01', naam: 'Wonen en woonomgeving', pijler: 'WMO', clienten: 900, kosten: null },
    { leefdomein: 'LD01', naam: 'Wonen en woonomgeving', pijler: 'JW', clienten: 2, kosten: null },
    { leefdomein: 'LD02', naam: 'Financiën en schulden', pijler: 'SHV', clienten: 3, kosten: null },
  ],
  stapeling: [{ combinatie: 'WMO', clienten: 4_000 }],
  stromen: { beginstand: 0, instroom: 0, uitstroom: 0, eindstand: 0 },
  trend: [
    { periode: '2026Q2', clienten: 10, kosten: null, instroom: 1, uitstroom: 2 },
    { periode: '2026Q3', clienten: 11, kosten: null, instroom: 3, uitstroom: 2 },
  ],
  toerekening: null,
  waarschuwingen: [],
  ...over,
});

type AnyOption = Record<string, any>;

describe('chart options', () => {
  it('writes every number nl-NL', () => {
    expect(asAantal(210_000)).toBe('210.000');
    expect(asEuroRond(1_234_567.5)).toBe('€\u00a01.234.568');
    const wijken = chartOptions(cijfers(), new Map()).wijken as AnyOption;
    expect(wijken.yAxis[0].axisLabel.formatter(210_000)).toBe('210.000');
    expect(wijken.yAxis[1].axisLabel.formatter(1_500_000)).toBe('€\u00a01.500.000');
    const stapeling = chartOptions(cijfers(), new Map()).stapeling as AnyOption;
    expect(stapeling.xAxis.axisLabel.formatter(4_000)).toBe('4.000');
    expect(stapeling.tooltip.valueFormatter(4_000)).toBe('4.000');
  });

  it('names the wijken from the gebiedsindeling and keeps the code in the tooltip', () => {
    const names = new Map([['WK990101', 'Centrum']]);
    const wijken = chartOptions(cijfers(), names).wijken as AnyOption;
    // A wijk absent from the table keeps its code; clients without a wijk are said in words.
    expect(wijken.xAxis.data).toEqual(['Centrum', 'WK990102', 'Zonder wijk']);
    const tip = wijken.tooltip.formatter([
      { dataIndex: 0, marker: '', seriesName: 'Cliënten', value: 210_000 },
      { dataIndex: 0, marker: '', seriesName: 'Kosten', value: 1_234_567.5 },
    ]);
    expect(tip).toBe('<strong>Centrum</strong> (WK990101)<br>Cliënten: 210.000<br>Kosten: €\u00a01.234.567,50');
    expect(wijkNaam('onbekend', names)).toBe('Zonder wijk');
    // A screen reader hears the same names and nl-NL figures.
    expect(wijken.aria.label.description).toBe('Centrum: 210.000 cliënten, €\u00a01.234.567,50; WK990102: 12 cliënten, –; Zonder wijk: 3 cliënten, €\u00a010,00.');
  });

  it('labels a waaier sector only where its name fits, and lists every name in a legend', () => {
    const waaier = chartOptions(cijfers(), new Map()).waaier as AnyOption;
    const [wonen, financien] = waaier.series[0].data;
    expect(wonen.label).toEqual({ show: true, rotate: 'tangential' });
    expect(financien.label.show).toBe(false);
    expect(wonen.children.map((c: AnyOption) => c.label.show)).toEqual([true, false]);
    const legendTexts = waaier.graphic.flatMap((g: AnyOption) => g.children.filter((c: AnyOption) => c.type === 'text').map((c: AnyOption) => c.style.text));
    expect(legendTexts).toEqual(['Leefdomeinen', 'Wonen en woonomgeving', 'Financiën en schulden', 'Pijlers', 'WMO', 'JW', 'SHV']);
    expect(fitsTangential('Wonen', Math.PI / 2, 28, 100)).toBe(true);
    expect(fitsTangential('Wonen en woonomgeving', 0.2, 28, 100)).toBe(false);
    expect(fitsRadial('WMO', 0.01, 100, 170)).toBe(false);
    expect(fitsRadial('WMO', 0.5, 100, 170)).toBe(true);
  });

  it('draws no trend of a single period', () => {
    expect(chartOptions(cijfers(), new Map()).trend).not.toBeNull();
    expect(chartOptions(cijfers({ trend: [cijfers().trend[1]!] }), new Map()).trend).toBeNull();
  });

  it('captions a saved chart with title, gemeente, period and its internal status', () => {
    const caption = pngCaption({ titel: 'Stapeling van pijlers', gemeente: 'Maasvoorde', periode: '2026Q3', datum: '2026-12-01T10:00:00Z' });
    expect(caption.kop).toBe('Stapeling van pijlers');
    expect(caption.regels[0]).toBe('Maasvoorde · 3e kwartaal 2026 (1 juli t/m 30 september 2026)');
    expect(caption.regels[1]).toContain('INTERN');
    expect(caption.regels[1]).toContain('Bron: Wijkmonitor');
    expect(caption.regels[1]).toContain('01-12-2026');
  });
});
