import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { defaultResourcesDir } from '../resources/csvTable.ts';
import type { Cell, PackTable } from './packTables.ts';

/*
 * Charts of the pack as images: ECharts renders to SVG in Node (server-side rendering, no
 * browser), resvg turns that into PNG with the font shipped in resources/fonts, so the images
 * are the same on every machine and need no system fonts. A suppressed value is a gap in a
 * chart, never a bar.
 */

/** What a chart plots: its category labels and per series one value per label (null: a gap, as for a suppressed value). */
export type ChartData = { labels: string[]; series: { name: string; data: (number | null)[] }[] };
/** `sheet`: the table (sheet, report section) the chart is drawn from and shown with. */
export type PackChart = { naam: string; sheet: string; titel: string; data: ChartData; svg: string; png: Buffer };

const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
const WIDTH = 900;
const HEIGHT = 420;

const numeric = (c: Cell): number | null => (typeof c === 'number' ? c : null);

function render(option: echarts.EChartsCoreOption, resourcesDir: string): { svg: string; png: Buffer } {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, backgroundColor: '#ffffff', ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      fitTo: { mode: 'width', value: WIDTH * 2 },
      font: { loadSystemFonts: false, fontFiles: FONT_FILES.map((f) => path.join(resourcesDir, 'fonts', f)), defaultFontFamily: FONT_FAMILY },
    }).render().asPng();
    return { svg, png: Buffer.from(png) };
  } finally {
    chart.dispose();
  }
}

const nl = (n: number) => n.toLocaleString('nl-NL');

function bars(titel: string, { labels, series }: ChartData): echarts.EChartsCoreOption {
  return {
    title: { text: titel, left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0 },
    grid: { left: 70, right: 20, top: 50, bottom: 90 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 6 ? 30 : 0, fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => nl(v) } },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data.map((v) => (v === null ? '-' : v)) })),
  };
}

/**
 * The funnel: each area as a point (expected clients, sr) against its own 95 % limits, the limits
 * joined into the funnel's two edges. The series are columns over the same labels as in the other
 * charts (verwacht, sr, the two limits), so what is plotted stays a list of release values.
 */
function funnel(titel: string, { labels, series }: ChartData): echarts.EChartsCoreOption {
  const [verwacht, sr, onder, boven] = series.map((s) => s.data) as [(number | null)[], (number | null)[], (number | null)[], (number | null)[]];
  const order = labels.map((_, i) => i).sort((a, b) => verwacht[a]! - verwacht[b]!);
  const edge = (limits: (number | null)[]) => order.filter((i) => limits[i] !== null).map((i) => [verwacht[i], limits[i]]);
  return {
    title: { text: titel, left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0, itemGap: 24 },
    grid: { left: 70, right: 90, top: 50, bottom: 70 },
    xAxis: { type: 'value', name: 'verwacht aantal cliënten', nameLocation: 'middle', nameGap: 28, min: 0, max: ({ max }: { max: number }) => Math.ceil(max * 1.1), axisLabel: { formatter: (v: number) => nl(v) } },
    yAxis: { type: 'value', name: 'sr', axisLabel: { formatter: (v: number) => nl(v) } },
    series: [
      { type: 'scatter', name: 'sr', symbolSize: 9, data: order.map((i) => [verwacht[i], sr[i]]), label: { show: labels.length <= 25, position: 'right', fontSize: 10, formatter: (p: { dataIndex: number }) => labels[order[p.dataIndex]!] } },
      { type: 'line', name: 'trechtergrens 95 %', data: edge(onder), showSymbol: false, lineStyle: { type: 'dashed' }, color: '#888888' },
      // The same name as the lower edge: one legend entry for the funnel's two edges.
      { type: 'line', name: 'trechtergrens 95 %', data: edge(boven), showSymbol: false, lineStyle: { type: 'dashed' }, color: '#888888' },
      { type: 'line', name: '100 = zoals verwacht', data: order.map((i) => [verwacht[i], 100]), showSymbol: false, color: '#444444' },
    ],
  };
}

/** The charts of the pack, from the same tables the sheets and pages show. */
export function packCharts(tables: readonly PackTable[], resourcesDir = defaultResourcesDir): PackChart[] {
  const byName = new Map(tables.map((t) => [t.sheet, t]));
  const out: PackChart[] = [];
  const wijken = byName.get('Wijken');
  if (wijken) {
    const rows = wijken.rijen.filter((r) => r[3] === 'Cliënten');
    if (rows.length > 0) {
      const titel = 'Cliënten per wijk';
      const data = { labels: rows.map((r) => String(r[1])), series: [{ name: 'Cliënten', data: rows.map((r) => numeric(r[4]!)) }] };
      out.push({ naam: 'wijken', sheet: wijken.sheet, titel, data, ...render(bars(titel, data), resourcesDir) });
    }
  }
  const waaier = byName.get('Leefdomeinen en pijlers');
  if (waaier) {
    const rows = waaier.rijen.filter((r) => r[0] === 'pijler');
    if (rows.length > 0) {
      const titel = 'Cliënten per pijler';
      const data = { labels: rows.map((r) => String(r[1])), series: [{ name: 'Cliënten', data: rows.map((r) => numeric(r[2]!)) }] };
      out.push({ naam: 'pijlers', sheet: waaier.sheet, titel, data, ...render(bars(titel, data), resourcesDir) });
    }
  }
  const sr = byName.get('Gestandaardiseerd');
  if (sr) {
    const rows = sr.rijen.filter((r) => typeof r[5] === 'number');
    if (rows.length > 0) {
      const titel = 'Gestandaardiseerde ratio (100 = zoals verwacht)';
      const labels = rows.map((r) => `${r[0]} ${String(r[2]).replace(/^pijler=/, '')}`.trim());
      const data = { labels, series: [{ name: 'sr', data: rows.map((r) => numeric(r[5]!)) }, { name: 'ondergrens', data: rows.map((r) => numeric(r[6]!)) }, { name: 'bovengrens', data: rows.map((r) => numeric(r[7]!)) }] };
      out.push({ naam: 'sr', sheet: sr.sheet, titel, data, ...render(bars(titel, data), resourcesDir) });
    }
    // Wijken only, one pijler at a time would be the Benchmark screen's choice; the pack draws every shown sr with a verwacht.
    const points = sr.rijen.filter((r) => typeof r[4] === 'number' && typeof r[5] === 'number');
    if (points.length > 1) {
      const titel = 'Trechtergrafiek: sr tegen het verwachte aantal cliënten';
      const labels = points.map((r) => `${r[0]} ${String(r[2]).replace(/^pijler=/, '')}`.trim());
      const data = { labels, series: [4, 5, 8, 9].map((c, k) => ({ name: ['verwacht', 'sr', 'trechtergrens 95 % onder', 'trechtergrens 95 % boven'][k]!, data: points.map((r) => numeric(r[c]!)) })) };
      out.push({ naam: 'trechter', sheet: sr.sheet, titel, data, ...render(funnel(titel, data), resourcesDir) });
    }
  }
  return out;
}
