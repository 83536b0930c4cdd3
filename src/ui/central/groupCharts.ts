import type { EChartsCoreOption } from 'echarts/core';
import type { CentralGroupsView } from '../../shared/api.ts';
import { formatFigure } from '../overzicht/format.ts';

/** A group's profile per kenmerk as an index against all grouped wijken (100 = the mean). */
export function profileRows(view: CentralGroupsView, groep: string): { kenmerk: string; groep: number; alle: number; index: number | null }[] {
  const g = view.groepen.find((x) => x.code === groep);
  if (!g) return [];
  return view.kenmerken.map((k, i) => {
    const alle = view.gemiddelde[i]!;
    return { kenmerk: k.naam, groep: g.profiel[i]!, alle, index: alle === 0 ? null : Math.round((g.profiel[i]! / alle) * 1000) / 10 };
  });
}

export function profileOption(view: CentralGroupsView, groep: string): EChartsCoreOption {
  const rows = profileRows(view, groep);
  return {
    aria: { label: { description: `Profiel van ${groep} tegen alle wijken: ${rows.map((r) => `${r.kenmerk} ${formatFigure(r.index, 'getal')}`).join('; ')}.` } },
    grid: { left: 260, right: 40, top: 30, bottom: 30 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatFigure(v, 'getal') },
    legend: { data: [groep, 'alle wijken (100)'] },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatFigure(v, 'getal') } },
    yAxis: { type: 'category', data: rows.map((r) => r.kenmerk), inverse: true },
    series: [
      { name: groep, type: 'bar', data: rows.map((r) => r.index), itemStyle: { color: '#0072b2' }, markLine: { silent: true, symbol: 'none', data: [{ xAxis: 100, name: 'alle wijken (100)' }], lineStyle: { color: '#d55e00', type: 'dashed' }, label: { formatter: 'alle wijken' } } },
      { name: 'alle wijken (100)', type: 'line', data: [], itemStyle: { color: '#d55e00' } },
    ],
  };
}

export function scatterOption(view: CentralGroupsView, highlight: string | null): EChartsCoreOption {
  const [a, b] = view.assen;
  const xName = view.kenmerken[a]!.naam;
  const yName = view.kenmerken[b]!.naam;
  return {
    aria: { label: { description: `Spreiding van ${view.wijken.length} wijken op ${xName} en ${yName}, per referentiegroep.` } },
    grid: { left: 70, right: 30, top: 40, bottom: 60 },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'item', formatter: (p: { data: { naam: string; gemeente: string; groep: string; value: [number, number] } }) => `${p.data.naam} (${p.data.gemeente}), ${p.data.groep}<br>${xName}: ${formatFigure(p.data.value[0], 'getal')}<br>${yName}: ${formatFigure(p.data.value[1], 'getal')}` },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 30, scale: true, axisLabel: { formatter: (v: number) => formatFigure(v, 'getal') } },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 50, scale: true, axisLabel: { formatter: (v: number) => formatFigure(v, 'getal') } },
    series: view.groepen.map((g) => ({
      name: g.code,
      type: 'scatter',
      symbolSize: 5,
      data: view.wijken
        .filter((w) => w.groep === g.code)
        .map((w) => ({ value: [w.x, w.y], naam: w.naam, gemeente: w.gemeente, groep: w.groep, ...(w.code === highlight ? { symbolSize: 14, itemStyle: { borderColor: '#000', borderWidth: 2 } } : {}) })),
    })),
  };
}
