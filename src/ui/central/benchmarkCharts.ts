import type { EChartsCoreOption } from 'echarts/core';
import type { TabelKolom, TrechterPunt } from '../../shared/api.ts';
import { formatFigure } from '../overzicht/format.ts';

export type Bar = { label: string; waarde: number | null; onderdrukt: boolean };

/** Bars of one figure for several areas; a suppressed area has no bar but says so. */
export function comparisonOption(bars: readonly Bar[], soort: TabelKolom['soort'], titel: string): EChartsCoreOption {
  const text = (b: Bar) => (b.onderdrukt ? 'onderdrukt' : b.waarde === null ? 'geen cijfer' : formatFigure(b.waarde, soort));
  return {
    aria: { label: { description: `${titel}: ${bars.map((b) => `${b.label} ${text(b)}`).join('; ')}.` } },
    grid: { left: 200, right: 80, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis', formatter: (p: { dataIndex: number }[]) => `${bars[p[0]!.dataIndex]!.label}: ${text(bars[p[0]!.dataIndex]!)}` },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatFigure(v, soort) } },
    yAxis: { type: 'category', data: bars.map((b) => b.label), inverse: true },
    series: [
      {
        type: 'bar',
        data: bars.map((b) => ({ value: b.waarde ?? 0, label: { show: true, position: 'right', formatter: () => text(b) }, itemStyle: { color: b.waarde === null ? 'transparent' : '#0072b2' } })),
      },
    ],
  };
}

export type SrRow = { label: string; sr: number | null; onder: number | null; boven: number | null; onderdrukt: boolean };

/** The sr with its 95 % interval per area: a tick at the sr, whiskers to the limits, 100 as reference. */
export function srOption(rows: readonly SrRow[]): EChartsCoreOption {
  const shown = rows.map((r) => (r.sr === null || r.onder === null || r.boven === null ? '-' : [r.sr, r.sr, r.onder, r.boven]));
  const text = (r: SrRow) => (r.onderdrukt ? 'onderdrukt' : r.sr === null ? 'geen SR' : `${formatFigure(r.sr, 'getal')} (${formatFigure(r.onder, 'getal')} – ${formatFigure(r.boven, 'getal')})`);
  return {
    aria: { label: { description: `Gestandaardiseerde ratio met 95 %-interval: ${rows.map((r) => `${r.label} ${text(r)}`).join('; ')}.` } },
    grid: { left: 60, right: 30, top: 20, bottom: 90 },
    tooltip: { trigger: 'axis', formatter: (p: { dataIndex: number }[]) => `${rows[p[0]!.dataIndex]!.label}: SR ${text(rows[p[0]!.dataIndex]!)}` },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { rotate: 35, interval: 0 } },
    yAxis: { type: 'value', name: 'SR (100 = verwacht)', scale: true, axisLabel: { formatter: (v: number) => formatFigure(v, 'getal') } },
    series: [
      {
        type: 'candlestick',
        data: shown,
        barMaxWidth: 18,
        itemStyle: { color: '#0072b2', color0: '#0072b2', borderColor: '#0072b2', borderColor0: '#0072b2' },
        markLine: { silent: true, symbol: 'none', data: [{ yAxis: 100 }], lineStyle: { color: '#555', type: 'dashed' }, label: { formatter: '100' } },
      },
    ],
  };
}

export type FunnelDot = { code: string; naam: string; gemeente: string; verwacht: number; sr: number; eigen: boolean; gekozen: boolean };

/** A funnel plot: every wijk's sr against its expected count, with the 95 % and 99,8 % limits around 100. */
export function funnelOption(dots: readonly FunnelDot[], trechter: readonly TrechterPunt[]): EChartsCoreOption {
  const line = (name: string, pick: (p: TrechterPunt) => number, dashed: boolean) => ({
    name,
    type: 'line',
    showSymbol: false,
    silent: true,
    data: trechter.map((p) => [p.verwacht, pick(p)]),
    lineStyle: { color: dashed ? '#d55e00' : '#009e73', type: dashed ? 'dashed' : 'solid', width: 1.5 },
    itemStyle: { color: dashed ? '#d55e00' : '#009e73' },
  });
  const dot = (d: FunnelDot) => ({ value: [d.verwacht, d.sr], naam: d.naam, gemeente: d.gemeente, ...(d.gekozen ? { symbolSize: 14, itemStyle: { color: '#e69f00', borderColor: '#000', borderWidth: 2 } } : {}) });
  const outside = dots.filter((d) => {
    const p = trechter.reduce((best, q) => (Math.abs(Math.log(q.verwacht / d.verwacht)) < Math.abs(Math.log(best.verwacht / d.verwacht)) ? q : best), trechter[0]!);
    return p && (d.sr < p.onder95 || d.sr > p.boven95);
  }).length;
  return {
    aria: { label: { description: `Trechter van ${dots.length} wijken; ${outside} buiten de 95 %-grenzen.` } },
    grid: { left: 70, right: 30, top: 40, bottom: 60 },
    legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: (p: { seriesType: string; data: { naam: string; gemeente: string; value: [number, number] } }) => (p.seriesType === 'scatter' ? `${p.data.naam} (${p.data.gemeente})<br>verwacht ${formatFigure(p.data.value[0], 'getal')}, SR ${formatFigure(p.data.value[1], 'getal')}` : '') },
    xAxis: { type: 'log', name: 'verwacht aantal cliënten', nameLocation: 'middle', nameGap: 30, axisLabel: { formatter: (v: number) => formatFigure(v, 'getal') } },
    yAxis: { type: 'value', name: 'SR', scale: true, axisLabel: { formatter: (v: number) => formatFigure(v, 'getal') } },
    series: [
      { name: 'andere gemeenten', type: 'scatter', symbolSize: 6, itemStyle: { color: '#9aa5b1' }, data: dots.filter((d) => !d.eigen).map(dot) },
      { name: 'gekozen gemeente', type: 'scatter', symbolSize: 8, itemStyle: { color: '#0072b2' }, data: dots.filter((d) => d.eigen).map(dot), markLine: { silent: true, symbol: 'none', data: [{ yAxis: 100 }], lineStyle: { color: '#555' }, label: { formatter: '100' } } },
      line('95 %-grens', (p) => p.onder95, false),
      line('95 %-grens', (p) => p.boven95, false),
      line('99,8 %-grens', (p) => p.onder998, true),
      line('99,8 %-grens', (p) => p.boven998, true),
    ],
  };
}

/** The period against the ijkperiode per area, as two bars each. */
export function trendOption(rows: readonly { label: string; ijkwaarde: number; waarde: number }[], soort: TabelKolom['soort'], ijk: string, periode: string): EChartsCoreOption {
  return {
    aria: { label: { description: `Trend van ${ijk} naar ${periode}: ${rows.map((r) => `${r.label} ${formatFigure(r.ijkwaarde, soort)} naar ${formatFigure(r.waarde, soort)}`).join('; ')}.` } },
    grid: { left: 80, right: 30, top: 40, bottom: 80 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatFigure(v, soort) },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatFigure(v, soort) } },
    series: [
      { name: `${ijk} (ijkperiode)`, type: 'bar', data: rows.map((r) => r.ijkwaarde), itemStyle: { color: '#9aa5b1' } },
      { name: periode, type: 'bar', data: rows.map((r) => r.waarde), itemStyle: { color: '#0072b2' } },
    ],
  };
}
