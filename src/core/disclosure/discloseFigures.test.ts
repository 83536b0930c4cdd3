import { describe, expect, test } from 'vitest';
import { markKostenBron } from '../lasten/kostenBron.ts';
import { discloseFigures } from './discloseFigures.ts';
import type { Figure } from './figureType.ts';
import { cellSets, type InnerCell, type ReleaseLevel } from './releaseModel.ts';

/*
 * The figures list with toerekening: beside each kosten figure its kosten_bron parts. The parts
 * get the status of their cell, and the audit names each part's interval apart.
 */

const PAIRS: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[], ['productcode'], ['aanbieder'], ['productcode', 'aanbieder']] }];

function cell(productcode: string, aanbieder: string, clienten: number, toegerekend: number): InnerCell {
  const client = clienten * 10_000;
  return { gemeente: 'GM9901', wijk: 'W1', values: { pijler: 'WMO', leefdomein: '1', voorziening: 'WMO-01', productcode, aanbieder }, clienten, voorzieningen: clienten, kosten: client + toegerekend, bronnen: { client, toegerekend } };
}

/** The figures the engine would write for these inner cells: counts, kosten and its parts (euros). */
function figuresOf(inner: readonly InnerCell[]): Figure[] {
  const { sets } = cellSets(inner, PAIRS, false);
  const out: Figure[] = [];
  for (const [key, set] of [...sets].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [gemeente, niveau, gebied, ...rest] = key.split('|');
    const dimensie = rest.join('|');
    const sum = (f: (c: InnerCell) => number) => set.reduce((n, j) => n + f(inner[j]!), 0);
    const base = { periode: '2026Q3', gemeente: gemeente!, niveau: niveau as Figure['niveau'], gebied: gebied! };
    out.push({ ...base, dimensie, indicator: 'clienten', waarde: sum((c) => c.clienten) });
    out.push({ ...base, dimensie, indicator: 'voorzieningen', waarde: sum((c) => c.voorzieningen) });
    out.push({ ...base, dimensie, indicator: 'kosten', waarde: sum((c) => c.kosten) / 100 });
    out.push({ ...base, dimensie: markKostenBron(dimensie, 'client'), indicator: 'kosten', waarde: sum((c) => c.bronnen!.client) / 100 });
    const toegerekend = sum((c) => c.bronnen!.toegerekend);
    if (toegerekend !== 0) out.push({ ...base, dimensie: markKostenBron(dimensie, 'toegerekend'), indicator: 'kosten', waarde: toegerekend / 100 });
  }
  return out;
}

describe('discloseFigures with kosten_bron parts', () => {
  // As in suppressRelease.test.ts: lasten on p1|a, p2|a and p3|b only, so the rectangle
  // p1/p2 × a/b leaves p1|a's toegerekend part exactly known; p3|a and p3|b go with it.
  const inner = [cell('p1', 'a', 3, 5_000_00), cell('p1', 'b', 20, 0), cell('p2', 'a', 30, 8_000_00), cell('p2', 'b', 40, 0), cell('p3', 'a', 50, 0), cell('p3', 'b', 60, 2_000_00)];

  test('a part is suppressed with its cell, and the audit gives each part its own interval', async () => {
    const { figures, audit } = await discloseFigures(figuresOf(inner), [...inner], PAIRS);
    const hidden = new Set(figures.filter((f) => f.status === 'onderdrukt').map((f) => f.dimensie.replace(/\|kosten_bron=.*$/, '')));
    expect([...hidden].sort()).toEqual(['p1|a', 'p1|b', 'p2|a', 'p2|b', 'p3|a', 'p3|b'].map((pa) => `productcode=${pa.split('|')[0]}|aanbieder=${pa.split('|')[1]}`));
    // Every figure of a suppressed cell, parts too, is suppressed.
    for (const f of figures) if (hidden.has(f.dimensie.replace(/\|kosten_bron=.*$/, ''))) expect(f.status).toBe('onderdrukt');
    const p1a = (dimensie: string) => audit.find((r) => r.indicator === 'kosten' && r.dimensie === dimensie)!;
    const part = p1a('productcode=p1|aanbieder=a|kosten_bron=toegerekend');
    expect(part.soort).toBe('primair');
    expect(part.bovengrens - part.ondergrens).toBeGreaterThanOrEqual(500);
    expect(p1a('productcode=p1|aanbieder=a|kosten_bron=client')).toBeDefined();
    expect(p1a('productcode=p1|aanbieder=a')).toBeDefined();
    // p1|b has no lasten: no toegerekend interval to prove.
    expect(audit.some((r) => r.dimensie === 'productcode=p1|aanbieder=b|kosten_bron=toegerekend')).toBe(false);
  });
});
