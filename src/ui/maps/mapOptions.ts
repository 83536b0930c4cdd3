import type { EChartsCoreOption } from 'echarts/core';
import type { WijkKaart } from '../../shared/api.ts';
import { formatFigure } from '../overzicht/format.ts';

/** A wijk's figure on a map: `waarde` null with `tekst` for a suppressed or missing figure. */
export type MapValue = { code: string; naam: string; waarde: number | null; tekst?: string };
export type MapCategory = { code: string; naam: string; categorie: string };

/** The stored shapes as the FeatureCollection ECharts registers, keyed by wijk code. */
export function featureCollection(kaart: WijkKaart) {
  return {
    type: 'FeatureCollection' as const,
    features: kaart.gebieden.map((g) => ({ type: 'Feature' as const, properties: { name: g.code }, geometry: g.geometrie })),
  };
}

export const NO_FIGURE_COLOUR = '#c9ced4';
const SCALE = ['#e8f1fa', '#b9d3ea', '#7fb0d9', '#3f84c0', '#0b4f8c'];
/** Categorical colours that stay apart for colour-blind readers (Okabe–Ito, then Tol's muted). */
const CATEGORY_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#ddcc77', '#882255', '#aa4499', '#661100'];

/** Five classes of equal width over the values, each labelled in nl-NL ("1.234 – 2.345"). */
export function legendPieces(values: readonly number[], soort: string): { min: number; max: number; label: string; color: string }[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo === hi) return [{ min: lo, max: hi, label: formatFigure(lo, soort), color: SCALE[2]! }];
  const step = (hi - lo) / SCALE.length;
  return SCALE.map((color, i) => {
    const min = lo + step * i;
    const max = i === SCALE.length - 1 ? hi : lo + step * (i + 1);
    return { min, max, label: `${formatFigure(min, soort)} – ${formatFigure(max, soort)}`, color };
  });
}

/** A choropleth of one figure per wijk; wijken without a figure (suppressed, none) are grey and say why. */
export function choroplethOption(mapName: string, values: readonly MapValue[], soort: string, titel: string): EChartsCoreOption {
  const shown = values.filter((v) => v.waarde !== null).map((v) => v.waarde!);
  const pieces = legendPieces(shown, soort);
  const without = values.filter((v) => v.waarde === null).length;
  return {
    aria: { label: { description: `Kaart van ${titel} per wijk: ${shown.length} wijken met een cijfer${without > 0 ? `, ${without} zonder (grijs)` : ''}.` } },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data?: { naam: string; waarde: number | null; tekst?: string } }) => (p.data ? `${p.data.naam}: ${p.data.waarde === null ? (p.data.tekst ?? 'geen cijfer') : formatFigure(p.data.waarde, soort)}` : ''),
    },
    visualMap: pieces.length === 0 ? undefined : { type: 'piecewise', pieces: pieces.map(({ min, max, label, color }) => ({ gte: min, lte: max, label, color })), left: 'left', bottom: 10, outOfRange: { color: NO_FIGURE_COLOUR } },
    series: [
      {
        type: 'map',
        map: mapName,
        roam: true,
        aspectScale: 0.62,
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: NO_FIGURE_COLOUR },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd166' } },
        data: values.map((v) => ({ name: v.code, value: v.waarde ?? Number.NaN, naam: v.naam, waarde: v.waarde, tekst: v.tekst, ...(v.waarde === null ? { itemStyle: { areaColor: NO_FIGURE_COLOUR } } : {}) })),
      },
    ],
  };
}

/** A map coloured by category (a wijk's reference group), with a legend of the categories. */
export function categoryMapOption(mapName: string, values: readonly MapCategory[], names: ReadonlyMap<string, string>, titel: string): EChartsCoreOption {
  const categories = [...new Set(values.map((v) => v.categorie))].sort();
  const colour = new Map(categories.map((c, i) => [c, CATEGORY_COLOURS[i % CATEGORY_COLOURS.length]!]));
  return {
    aria: { label: { description: `Kaart van ${titel}: ${values.length} wijken in ${categories.length} groepen.` } },
    tooltip: { trigger: 'item', formatter: (p: { data?: { naam: string; categorie: string } }) => (p.data ? `${p.data.naam}: ${p.data.categorie} ${names.get(p.data.categorie) ?? ''}` : '') },
    // A map series reads its values as numbers: each category is its index, one legend piece each.
    visualMap: {
      type: 'piecewise',
      pieces: categories.map((c, i) => ({ value: i, label: c, color: colour.get(c)! })),
      // RG01 at the top, as in the list of groups.
      inverse: true,
      left: 'left',
      bottom: 10,
      outOfRange: { color: NO_FIGURE_COLOUR },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        roam: true,
        aspectScale: 0.62,
        itemStyle: { borderColor: '#ffffff', borderWidth: 0.6, areaColor: NO_FIGURE_COLOUR },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd166' } },
        data: values.map((v) => ({ name: v.code, value: categories.indexOf(v.categorie), naam: v.naam, categorie: v.categorie })),
      },
    ],
  };
}
