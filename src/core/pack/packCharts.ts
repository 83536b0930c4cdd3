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
export type PackChart = { naam: string; titel: string; data: ChartData; svg: string; png: Buffer };

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
      out.push({ naam: 'wijken', titel, data, ...render(bars(titel, data), resourcesDir) });
    }
  }
  const waaier = byName.get('Leefdomeinen en pijlers');
  if (waaier) {
    const rows = waaier.rijen.filter((r) => r[0] === 'pijler');
    if (rows.length > 0) {
      const titel = 'Cliënten per pijler';
      const data = { labels: rows.map((r) => String(r[1])), series: [{ name: 'Cliënten', data: rows.map((r) => numeric(r[2]!)) }] };
      out.push({ naam: 'pijlers', titel, data, ...render(bars(titel, data), resourcesDir) });
    }
  }
  const sr = byName.get('Gestandaardiseerd');
  if (sr) {
    const rows = sr.rijen.filter((r) => typeof r[5] === 'number');
    if (rows.length > 0) {
      const titel = 'Gestandaardiseerde ratio (100 = zoals verwacht)';
      const labels = rows.map((r) => `${r[0]} ${String(r[2]).replace(/^pijler=/, '')}`.trim());
      const data = { labels, series: [{ name: 'sr', data: rows.map((r) => numeric(r[5]!)) }, { name: 'ondergrens', data: rows.map((r) => numeric(r[6]!)) }, { name: 'bovengrens', data: rows.map((r) => numeric(r[7]!)) }] };
      out.push({ naam: 'sr', titel, data, ...render(bars(titel, data), resourcesDir) });
    }
  }
  return out;
}
