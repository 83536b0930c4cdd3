import type { EChartsCoreOption } from 'echarts/core';
import type { OverzichtCijfers } from '../../shared/api.ts';

const aantal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const euroRond = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** ECharts writes its own `210,000`; every number it draws goes through these instead. */
export const asAantal = (value: unknown): string => (typeof value === 'number' ? aantal.format(value) : '–');
export const asEuroRond = (value: unknown): string => (typeof value === 'number' ? euroRond.format(value) : '–');
export const asEuro = (value: unknown): string => (typeof value === 'number' ? euro.format(value) : '–');

const PILLAR_COLOURS = ['#1f5f8b', '#c0392b', '#2e8b57', '#8e6c00', '#6c3483', '#117a65', '#7f8c8d'];
// Light, so the pillar colours of the outer ring stand out against the inner ring.
const LEEFDOMEIN_COLOURS = ['#a9cce3', '#f5b7b1', '#abebc6', '#f9e79f', '#d2b4de', '#a3e4d7', '#fad7a0', '#d5dbdb', '#cdb79e', '#f8c8dc'];

/** The sunburst's geometry in pixels, so that whether a label fits can be worked out beforehand. */
export const WAAIER = { binnen: 28, midden: 100, buiten: 170, tekstHoogte: 14, tekenBreedte: 7 } as const;

export type ChartName = 'wijken' | 'waaier' | 'stapeling' | 'trend';

/**
 * The charts' drawing instructions; the numbers are the core's, untouched. `wijknamen` maps a
 * wijk code to its name from the gebiedsindeling. A trend of fewer than two periods is null:
 * one dot on an empty axis reads as a broken chart.
 */
export function chartOptions(c: OverzichtCijfers, wijknamen: ReadonlyMap<string, string>): Record<ChartName, EChartsCoreOption | null> {
  return {
    wijken: described(wijkenOption(c, wijknamen), c.wijken.map((w) => `${wijkNaam(w.wijk, wijknamen)}: ${asAantal(w.clienten)} cliënten, ${asEuro(w.kosten)}`)),
    waaier: described(
      waaierOption(c),
      [...new Set(c.waaier.map((w) => w.leefdomein))].map((ld) => {
        const parts = c.waaier.filter((w) => w.leefdomein === ld);
        return `${parts[0]!.naam}: ${parts.map((w) => `${w.pijler} ${asAantal(w.clienten)}`).join(', ')}`;
      }),
    ),
    stapeling: described(stapelingOption(c), c.stapeling.map((s) => `${s.combinatie}: ${asAantal(s.clienten)} cliënten`)),
    trend: c.trend.length < 2 ? null : described(trendOption(c), c.trend.map((t) => `${t.periode}: ${asAantal(t.clienten)} cliënten, instroom ${asAantal(t.instroom)}, uitstroom ${asAantal(t.uitstroom)}`)),
  };
}

/** What a screen reader hears after the chart's name: the figures, nl-NL, one part per bar or ring. */
function described(option: EChartsCoreOption, parts: string[]): EChartsCoreOption {
  return { ...option, aria: { enabled: true, label: { description: `${parts.join('; ')}.` } } };
}

export function wijkNaam(code: string, wijknamen: ReadonlyMap<string, string>): string {
  if (code === 'onbekend') return 'Zonder wijk';
  return wijknamen.get(code) || code;
}

type AxisParam = { dataIndex: number; marker: string; seriesName: string; value: unknown };

function wijkenOption(c: OverzichtCijfers, wijknamen: ReadonlyMap<string, string>): EChartsCoreOption {
  const namen = c.wijken.map((w) => wijkNaam(w.wijk, wijknamen));
  return {
    tooltip: {
      trigger: 'axis',
      // The name leads; the code stays findable for whoever compares with the gebiedsindeling.
      formatter: (params: AxisParam[]) => {
        const w = c.wijken[params[0]!.dataIndex]!;
        const head = `<strong>${escapeHtml(wijkNaam(w.wijk, wijknamen))}</strong> (${escapeHtml(w.wijk)})`;
        return [head, ...params.map((p) => `${p.marker}${escapeHtml(p.seriesName)}: ${p.seriesName.startsWith('Kosten') ? asEuro(p.value) : asAantal(p.value)}`)].join('<br>');
      },
    },
    legend: { top: 0 },
    grid: { left: 70, right: 100, bottom: 90, top: 40 },
    xAxis: { type: 'category', data: namen, axisLabel: { rotate: 40, interval: 0, width: 110, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', name: 'Cliënten', axisLabel: { formatter: asAantal } },
      { type: 'value', name: 'Kosten', splitLine: { show: false }, axisLabel: { formatter: asEuroRond } },
    ],
    series: [
      { name: 'Cliënten', type: 'bar', data: c.wijken.map((w) => w.clienten) },
      { name: 'Kosten', type: 'bar', yAxisIndex: 1, data: c.wijken.map((w) => w.kosten ?? 0) },
    ],
  };
}

/** Does `text` fit in a ring sector of `angle` radians between radius r0 and r? */
export function fitsTangential(text: string, angle: number, r0: number, r: number): boolean {
  const arc = angle * ((r0 + r) / 2);
  return arc >= text.length * WAAIER.tekenBreedte + 8 && r - r0 >= WAAIER.tekstHoogte + 4;
}
export function fitsRadial(text: string, angle: number, r0: number, r: number): boolean {
  const arc = angle * ((r0 + r) / 2);
  return arc >= WAAIER.tekstHoogte + 2 && r - r0 >= text.length * WAAIER.tekenBreedte + 8;
}

/** Along the arc where the sector is wide, along the radius where it is deep; otherwise none. */
function innerLabel(naam: string, angle: number): { show: boolean; rotate?: 'tangential' | 'radial' } {
  if (fitsTangential(naam, angle, WAAIER.binnen, WAAIER.midden)) return { show: true, rotate: 'tangential' };
  if (fitsRadial(naam, angle, WAAIER.binnen, WAAIER.midden)) return { show: true, rotate: 'radial' };
  return { show: false };
}

function waaierOption(c: OverzichtCijfers): EChartsCoreOption {
  const pillars = [...new Set(c.waaier.map((w) => w.pijler))];
  const pillarColour = (p: string) => PILLAR_COLOURS[pillars.indexOf(p) % PILLAR_COLOURS.length]!;
  const leefdomeinen = [...new Set(c.waaier.map((w) => w.leefdomein))];
  const total = c.waaier.reduce((sum, w) => sum + w.clienten, 0) || 1;
  const angleOf = (clienten: number) => (clienten / total) * 2 * Math.PI;
  const { binnen, midden, buiten } = WAAIER;

  const data = leefdomeinen.map((ld, i) => {
    const parts = c.waaier.filter((w) => w.leefdomein === ld);
    const naam = parts[0]!.naam;
    const clienten = parts.reduce((sum, w) => sum + w.clienten, 0);
    return {
      name: naam,
      itemStyle: { color: LEEFDOMEIN_COLOURS[i % LEEFDOMEIN_COLOURS.length] },
      label: innerLabel(naam, angleOf(clienten)),
      children: parts.map((w) => ({
        name: w.pijler,
        value: w.clienten,
        itemStyle: { color: pillarColour(w.pijler) },
        label: { show: fitsRadial(w.pijler, angleOf(w.clienten), midden, buiten) },
      })),
    };
  });

  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { treePathInfo: { name: string }[]; value: unknown }) => {
        const path = p.treePathInfo.map((n) => n.name).filter((n) => n !== '');
        return `${path.map(escapeHtml).join(' › ')}<br>Cliënten: ${asAantal(p.value)}`;
      },
    },
    series: [
      {
        type: 'sunburst',
        // Right of centre: the legends stand on the left, so they stay clear of the ring down to the window's minimum width.
        center: ['60%', '50%'],
        sort: undefined,
        nodeClick: false,
        levels: [
          {},
          { r0: binnen, r: midden, label: { rotate: 'tangential', color: '#1d2a36' } },
          { r0: midden, r: buiten, label: { rotate: 'radial', color: '#fff' } },
        ],
        data,
      },
    ],
    // Every name that found no room in the ring is in one of these two legends.
    graphic: [
      legend('Leefdomeinen', { left: 8, top: 8 }, leefdomeinen.map((ld, i) => ({ naam: c.waaier.find((w) => w.leefdomein === ld)!.naam, kleur: LEEFDOMEIN_COLOURS[i % LEEFDOMEIN_COLOURS.length]! }))),
      legend('Pijlers', { left: 8, top: 8 + legendHeight(leefdomeinen.length) + 10 }, pillars.map((p) => ({ naam: p, kleur: pillarColour(p) }))),
    ],
  };
}

const LEGEND_LINE = 16;
const legendHeight = (items: number) => 20 + items * LEGEND_LINE;

function legend(titel: string, position: { left: number; top: number }, items: { naam: string; kleur: string }[]) {
  return {
    type: 'group',
    ...position,
    children: [
      { type: 'text', left: 0, top: 0, style: { text: titel, font: 'bold 12px sans-serif', fill: '#1d2a36' } },
      ...items.flatMap((item, i) => [
        { type: 'rect', left: 0, top: 20 + i * LEGEND_LINE, shape: { width: 11, height: 11 }, style: { fill: item.kleur } },
        { type: 'text', left: 17, top: 20 + i * LEGEND_LINE, style: { text: item.naam, font: '12px sans-serif', fill: '#1d2a36' } },
      ]),
    ],
  };
}

function stapelingOption(c: OverzichtCijfers): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: asAantal },
    grid: { left: 140, right: 40, top: 20, bottom: 40 },
    xAxis: { type: 'value', name: 'Cliënten', axisLabel: { formatter: asAantal } },
    yAxis: { type: 'category', inverse: true, data: c.stapeling.map((s) => s.combinatie) },
    series: [{ name: 'Cliënten', type: 'bar', data: c.stapeling.map((s) => s.clienten) }],
  };
}

function trendOption(c: OverzichtCijfers): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: asAantal },
    legend: { top: 0 },
    grid: { left: 70, right: 30, bottom: 40, top: 40 },
    xAxis: { type: 'category', data: c.trend.map((t) => t.periode) },
    yAxis: { type: 'value', name: 'Cliënten', axisLabel: { formatter: asAantal } },
    series: [
      { name: 'Cliënten', type: 'line', data: c.trend.map((t) => t.clienten) },
      { name: 'Instroom', type: 'bar', data: c.trend.map((t) => t.instroom) },
      { name: 'Uitstroom', type: 'bar', data: c.trend.map((t) => t.uitstroom) },
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
