/**
 * Disclosure control on a generated release (`node bench/disclosure.bench.ts [--gemeenten N]`):
 * N gemeenten × 6 wijken × 12 products × 6 aanbieders, about a third of the inner cells absent and
 * 40 % of the rest below 5 clients, with the export's levels (gemeente: total, keys, pairs of
 * productcode and aanbieder; wijk: total and keys) and ALLE. Reports cells, primary and secondary
 * counts, rounds and the time of suppression + audit.
 */
import { parseArgs } from 'node:util';
import { Random } from '../fixtures/random.ts';
import { buildRelease, cellSets, type CellValues, type InnerCell, type ReleaseLevel } from '../src/core/disclosure/releaseModel.ts';
import { suppressRelease } from '../src/core/disclosure/suppressRelease.ts';

const { values } = parseArgs({ options: { gemeenten: { type: 'string', default: '5' } } });
const LEVELS: ReleaseLevel[] = [
  { niveau: 'gemeente', dimensions: [[], ['productcode'], ['aanbieder'], ['productcode', 'aanbieder']] },
  { niveau: 'wijk', dimensions: [[], ['productcode'], ['aanbieder']] },
];
const random = new Random(12, 'disclosure-bench');
const inner: InnerCell[] = [];
for (let g = 0; g < Number(values.gemeenten); g++) {
  const gemeente = `GM${String(9000 + g)}`;
  for (let w = 0; w < 6; w++)
    for (let p = 0; p < 12; p++)
      for (let a = 0; a < 6; a++) {
        if (random.chance(0.35)) continue;
        const clienten = random.chance(0.4) ? random.int(1, 4) : random.int(5, 60);
        inner.push({ gemeente, wijk: `WK${gemeente.slice(2)}0${w}`, values: { pijler: 'WMO', leefdomein: '1', voorziening: 'WMO-02', productcode: `P${p}`, aanbieder: `A${a}` }, clienten, voorzieningen: clienten + random.int(0, 3), kosten: random.int(0, 500_000) });
      }
}
const alle = Number(values.gemeenten) > 1;
const { sets } = cellSets(inner, LEVELS, alle);
const cellValues = new Map<string, CellValues>();
for (const [key, set] of sets) {
  const sum = (f: (c: InnerCell) => number) => set.reduce((n, j) => n + f(inner[j]!), 0);
  cellValues.set(key, { clienten: sum((c) => c.clienten), voorzieningen: sum((c) => c.voorzieningen), kosten: sum((c) => c.kosten) });
}
const started = performance.now();
const release = buildRelease(inner, LEVELS, cellValues, alle);
const result = await suppressRelease(release);
const soorten = [...result.soort.values()];
console.log(
  JSON.stringify({
    gemeenten: Number(values.gemeenten),
    binnencellen: inner.length,
    cellen: cellValues.size,
    groepen: release.groups.length,
    primair: soorten.filter((s) => s === 'primair').length,
    secundair: soorten.filter((s) => s === 'secundair').length,
    rondes: result.rondes,
    ms: Math.round(performance.now() - started),
  }),
);
