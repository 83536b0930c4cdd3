import { describe, expect, test } from 'vitest';
import { auditRelease } from './auditLp.ts';
import { discloseFigures } from './discloseFigures.ts';
import { buildRelease, cellSets, type CellValues, type InnerCell, type Release, type ReleaseLevel } from './releaseModel.ts';
import { carriedForward, patternOf } from './releasePattern.ts';
import { candidateOrder, suppressRelease } from './suppressRelease.ts';

/** Inner cells each with distinct clients and one voorziening per client, €100 each. */
function cell(gemeente: string, wijk: string, productcode: string, aanbieder: string, clienten: number): InnerCell {
  return { gemeente, wijk, values: { pijler: 'WMO', leefdomein: '1', voorziening: 'WMO-01', productcode, aanbieder }, clienten, voorzieningen: clienten, kosten: clienten * 10_000 };
}

function release(inner: InnerCell[], levels: readonly ReleaseLevel[], alle = false, groepen: ReadonlyMap<string, string> = new Map()): Release {
  const { sets } = cellSets(inner, levels, alle, undefined, groepen);
  const values = new Map<string, CellValues>();
  for (const [key, set] of sets) {
    const sum = (f: (c: InnerCell) => number) => set.reduce((n, j) => n + f(inner[j]!), 0);
    values.set(key, { clienten: sum((c) => c.clienten), voorzieningen: sum((c) => c.voorzieningen), kosten: sum((c) => c.kosten) });
  }
  return buildRelease(inner, levels, values, alle, groepen);
}

async function pattern(r: Release): Promise<Record<string, string>> {
  const { soort, audit } = await suppressRelease(r);
  expect(audit.every((a) => a.ok)).toBe(true);
  return Object.fromEntries([...soort].flatMap(([g, s]) => r.groups[g]!.keys.map((k) => [k, s])).sort());
}

const PRODUCT: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[], ['productcode']] }];
const PAIRS: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[], ['productcode'], ['aanbieder'], ['productcode', 'aanbieder']] }];

describe('suppressRelease', () => {
  test('a row with two singletons needs a third cell: the audit sees that their sum is below 5', async () => {
    const r = release([cell('GM9901', 'W1', 'A', 'x', 1), cell('GM9901', 'W1', 'B', 'x', 2), cell('GM9901', 'W1', 'C', 'x', 10), cell('GM9901', 'W1', 'D', 'x', 20)], PRODUCT);
    expect(await pattern(r)).toEqual({ 'GM9901|gemeente||productcode=A': 'primair', 'GM9901|gemeente||productcode=B': 'primair', 'GM9901|gemeente||productcode=C': 'secundair' });
  });

  test('inner cells may be empty: a primary whose neighbours spread over many inner cells is protected by the 2 × 2 alone', async () => {
    // (p1, b) has 7 clients in 7 wijken, one each. A model giving every inner cell ≥ 1 client
    // (so ≥ 1 voorziening) read p1's 10 voorzieningen as ≥ 7 for (p1, b), so ≤ 3 for the primary
    // (p1, a): pinned below 5, failed, more suppression. But no wijk cell is published, so the
    // attacker does not know those 7 inner cells exist: the second data set below, where two of
    // them are empty and (p1, a) has 5 clients, publishes exactly the same figures.
    const truth = [cell('GM9901', 'W1', 'p1', 'a', 3), ...[1, 2, 3, 4, 5, 6, 7].map((w) => cell('GM9901', `W${w}`, 'p1', 'b', 1)), cell('GM9901', 'W1', 'p2', 'a', 20), cell('GM9901', 'W1', 'p2', 'b', 30)];
    const other = [cell('GM9901', 'W1', 'p1', 'a', 5), ...[1, 2, 3, 4, 5].map((w) => cell('GM9901', `W${w}`, 'p1', 'b', 1)), cell('GM9901', 'W1', 'p2', 'a', 18), cell('GM9901', 'W1', 'p2', 'b', 32)];
    const r = release(truth, PAIRS);
    const alt = release(other, PAIRS);
    const suppressed = await suppressRelease(r);
    const hiddenKeys = new Set([...suppressed.soort.keys()].flatMap((g) => r.groups[g]!.keys));
    expect([...hiddenKeys].sort()).toEqual(['p1|a', 'p1|b', 'p2|a', 'p2|b'].map((pa) => `GM9901|gemeente||productcode=${pa.split('|')[0]}|aanbieder=${pa.split('|')[1]}`));
    const valueOf = (rel: Release, key: string) => rel.groups[rel.groupOf.get(key)!]!.values;
    for (const g of r.groups) for (const key of g.keys) if (!hiddenKeys.has(key)) expect(valueOf(alt, key), key).toEqual(valueOf(r, key));
    expect(valueOf(alt, 'GM9901|gemeente||productcode=p1|aanbieder=a').clienten).toBe(5);
    const s = suppressed.audit.find((a) => r.groups[a.group]!.keys.includes('GM9901|gemeente||productcode=p1|aanbieder=a'))!;
    expect(s.ok).toBe(true);
    expect(s.clienten.bovengrens).toBeGreaterThanOrEqual(5);
  });

  test('a 2 × 2 table with one small cell needs 3 more', async () => {
    const r = release([cell('GM9901', 'W1', 'p1', 'a', 3), cell('GM9901', 'W1', 'p1', 'b', 20), cell('GM9901', 'W1', 'p2', 'a', 30), cell('GM9901', 'W1', 'p2', 'b', 40)], PAIRS);
    expect(await pattern(r)).toEqual({
      'GM9901|gemeente||productcode=p1|aanbieder=a': 'primair',
      'GM9901|gemeente||productcode=p1|aanbieder=b': 'secundair',
      'GM9901|gemeente||productcode=p2|aanbieder=a': 'secundair',
      'GM9901|gemeente||productcode=p2|aanbieder=b': 'secundair',
    });
  });

  test('a wijk ⊂ gemeente hierarchy with one small wijk: the next smallest wijk goes too', async () => {
    const levels: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[]] }, { niveau: 'wijk', dimensions: [[]] }];
    const r = release([cell('GM9901', 'W1', 'A', 'x', 30), cell('GM9901', 'W2', 'A', 'x', 20), cell('GM9901', 'W3', 'A', 'x', 2)], levels);
    expect(await pattern(r)).toEqual({ 'GM9901|wijk|W2|': 'secundair', 'GM9901|wijk|W3|': 'primair' });
  });

  test('a wijk with one product is one cell with one status', async () => {
    const levels: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[]] }, { niveau: 'wijk', dimensions: [[], ['productcode']] }];
    const r = release([cell('GM9901', 'W1', 'A', 'x', 30), cell('GM9901', 'W2', 'A', 'x', 20), cell('GM9901', 'W3', 'B', 'x', 2)], levels);
    const p = await pattern(r);
    expect(p['GM9901|wijk|W3|']).toBe('primair');
    expect(p['GM9901|wijk|W3|productcode=B']).toBe('primair');
  });

  test('linked tables: per product and per provider, protecting the pair table alone leaves a cell open', async () => {
    // Three products × two providers; p1|a is small. Per-table protection of the pairs within product p1
    // (hide p1|b) leaves p1|a = provider a − p2|a − p3|a; the release as a whole hides a full rectangle.
    const inner = [cell('GM9901', 'W1', 'p1', 'a', 2), cell('GM9901', 'W1', 'p1', 'b', 12), cell('GM9901', 'W1', 'p2', 'a', 25), cell('GM9901', 'W1', 'p2', 'b', 30), cell('GM9901', 'W1', 'p3', 'a', 40), cell('GM9901', 'W1', 'p3', 'b', 50)];
    const r = release(inner, PAIRS);
    const p = await pattern(r);
    expect(p['GM9901|gemeente||productcode=p1|aanbieder=b']).toBe('secundair');
    // Some cell of provider a other than p1|a is hidden, or the difference would give p1|a.
    expect(Object.keys(p).some((k) => /productcode=p[23]\|aanbieder=a$/.test(k))).toBe(true);
  });

  test('ALLE with a suppressed part is not published: its sum would tie the gemeenten together', async () => {
    const r = release([cell('GM9901', 'W1', 'A', 'x', 3), cell('GM9901', 'W1', 'B', 'x', 30), cell('GM9902', 'W2', 'A', 'x', 40), cell('GM9902', 'W2', 'B', 'x', 50)], PRODUCT, true);
    const { soort, weggelaten, audit } = await suppressRelease(r);
    const key = (g: number) => r.groups[g]!.keys[0];
    const p = Object.fromEntries([...soort].map(([g, s]) => [key(g), s]));
    expect(p['GM9901|gemeente||productcode=A']).toBe('primair');
    expect(p['GM9901|gemeente||productcode=B']).toBe('secundair');
    // GM9902 stays open; ALLE A (= GM9901 A + 40) would give GM9901 A, and its costs are known
    // within GM9901 A's few hundred euros of 4,300, less than 10 %: left out. ALLE B likewise.
    expect(p['GM9902|gemeente||productcode=A']).toBeUndefined();
    expect([...weggelaten].map(key).sort()).toEqual(['ALLE|gemeente||productcode=A', 'ALLE|gemeente||productcode=B']);
    expect(audit.every((a) => a.ok)).toBe(true);
  });

  test('ALLE whose parts are all suppressed is suppressed, its interval the sum of theirs', async () => {
    const r = release([cell('GM9901', 'W1', 'A', 'x', 3), cell('GM9901', 'W1', 'B', 'x', 30), cell('GM9902', 'W2', 'A', 'x', 2), cell('GM9902', 'W2', 'B', 'x', 50)], PRODUCT, true);
    const { soort, weggelaten, audit } = await suppressRelease(r);
    const alle = r.groupOf.get('ALLE|gemeente||productcode=A')!;
    expect(soort.get(alle)).toBe('secundair');
    expect(weggelaten.has(alle)).toBe(false);
    const parts = r.groups[alle]!.parts!.map((g) => audit.find((a) => a.group === g)!);
    const own = audit.find((a) => a.group === alle)!;
    expect(own.clienten.bovengrens).toBe(parts.reduce((n, a) => n + a.clienten.bovengrens, 0));
    expect(own.clienten.ondergrens).toBe(parts.reduce((n, a) => n + a.clienten.ondergrens, 0));
  });

  test('a reference group is the sum of its member wijken: published when they all are, else suppressed or left out', async () => {
    const levels: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[], ['productcode']] }, { niveau: 'wijk', dimensions: [[], ['productcode']] }];
    const groepen = new Map([['W1', 'RG01'], ['W3', 'RG01'], ['W2', 'RG02'], ['W4', 'RG02']]);
    const inner = [
      cell('GM9901', 'W1', 'A', 'x', 30), cell('GM9901', 'W1', 'B', 'x', 3), cell('GM9901', 'W2', 'A', 'x', 20), cell('GM9901', 'W2', 'B', 'x', 25),
      cell('GM9902', 'W3', 'A', 'x', 40), cell('GM9902', 'W3', 'B', 'x', 50), cell('GM9902', 'W4', 'A', 'x', 60), cell('GM9902', 'W4', 'B', 'x', 70),
    ];
    const r = release(inner, levels, false, groepen);
    const rg = (key: string) => r.groupOf.get(key)!;
    expect(r.groups[rg('|wijk|RG01|productcode=B')]!.parts!.map((g) => r.groups[g]!.keys[0]).sort()).toEqual(['GM9901|wijk|W1|productcode=B', 'GM9902|wijk|W3|productcode=B']);
    const { soort, weggelaten, audit } = await suppressRelease(r);
    expect(soort.get(rg('GM9901|wijk|W1|productcode=B'))).toBe('primair');
    expect(audit.every((a) => a.ok)).toBe(true);
    // Published exactly when every part is; RG01 B (3 + 50) hides with the primary W1 B in it.
    for (const key of ['|wijk|RG01|', '|wijk|RG01|productcode=A', '|wijk|RG01|productcode=B', '|wijk|RG02|', '|wijk|RG02|productcode=A', '|wijk|RG02|productcode=B']) {
      const g = rg(key);
      const open = r.groups[g]!.parts!.every((p) => !soort.has(p));
      expect(!soort.has(g) && !weggelaten.has(g), key).toBe(open);
    }
    expect(soort.has(rg('|wijk|RG01|productcode=B')) || weggelaten.has(rg('|wijk|RG01|productcode=B'))).toBe(true);
    expect(soort.has(rg('|wijk|RG01|'))).toBe(false);
  });

  test('over time: what the previous release of the period hid stays hidden unless its data changed', async () => {
    const levels: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[]] }, { niveau: 'wijk', dimensions: [[]] }];
    const first = release([cell('GM9901', 'W1', 'A', 'x', 30), cell('GM9901', 'W2', 'A', 'x', 20), cell('GM9901', 'W3', 'A', 'x', 2)], levels);
    const before = patternOf('2026Q3', first, await suppressRelease(first));
    expect(Object.fromEntries(Object.entries(before.cellen).map(([k, c]) => [k, c.soort]))).toEqual({ 'GM9901|wijk|W2|': 'secundair', 'GM9901|wijk|W3|': 'primair' });
    // A corrected delivery: W3 now has 6 clients. On its own nothing would be hidden, but W2 is
    // unchanged and stays hidden, and then W3 must stay hidden with it (total − W1 − W3 = W2).
    const second = release([cell('GM9901', 'W1', 'A', 'x', 30), cell('GM9901', 'W2', 'A', 'x', 20), cell('GM9901', 'W3', 'A', 'x', 6)], levels);
    expect(await pattern(second)).toEqual({});
    const carried = carriedForward(second, before);
    expect([...carried.keep].map((g) => second.groups[g]!.keys[0])).toEqual(['GM9901|wijk|W2|']);
    const { soort, audit } = await suppressRelease(second, carried);
    expect(audit.every((a) => a.ok)).toBe(true);
    expect(Object.fromEntries([...soort].map(([g, s]) => [second.groups[g]!.keys[0], s]))).toEqual({ 'GM9901|wijk|W2|': 'secundair', 'GM9901|wijk|W3|': 'secundair' });
  });

  test('over time: a former secondary whose data changed is the last candidate', () => {
    const levels: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[]] }, { niveau: 'wijk', dimensions: [[]] }];
    const r = release([cell('GM9901', 'W1', 'A', 'x', 30), cell('GM9901', 'W2', 'A', 'x', 20), cell('GM9901', 'W3', 'A', 'x', 8)], levels);
    const w1 = r.groupOf.get('GM9901|wijk|W1|')!;
    const previous = { formaat: 'wijkmonitor-onderdrukking' as const, versie: 1 as const, periode: '2026Q3', cellen: { 'GM9901|wijk|W1|': { soort: 'secundair' as const, clienten: 29, voorzieningen: 29, kosten: 290_000 } } };
    const carried = carriedForward(r, previous);
    expect(carried.keep.size).toBe(0);
    expect([...carried.last]).toEqual([w1]);
    expect(candidateOrder(r, new Set(), undefined, carried.last).at(-1)).toBe(w1);
    expect(candidateOrder(r, new Set()).at(-1)).not.toBe(w1);
  });

  test('deterministic: two runs give the same pattern and bounds', async () => {
    const r = release([cell('GM9901', 'W1', 'p1', 'a', 3), cell('GM9901', 'W1', 'p1', 'b', 20), cell('GM9901', 'W1', 'p2', 'a', 30), cell('GM9901', 'W1', 'p2', 'b', 40)], PAIRS);
    const a = await suppressRelease(r);
    const b = await suppressRelease(r);
    expect(JSON.stringify([...a.soort, ...a.audit])).toBe(JSON.stringify([...b.soort, ...b.audit]));
  });
});

/** As `release`, with each inner cell's toegerekend lasten (cents) beside its client costs, published per kosten_bron. */
function releaseWithLasten(inner: InnerCell[], toegerekend: readonly number[], levels: readonly ReleaseLevel[]): Release {
  const cells = inner.map((c, j) => ({ ...c, kosten: c.kosten + toegerekend[j]!, bronnen: { client: c.kosten, toegerekend: toegerekend[j]! } }));
  const { sets } = cellSets(cells, levels, false);
  const values = new Map<string, CellValues>();
  for (const [key, set] of sets) {
    const sum = (f: (c: InnerCell) => number) => set.reduce((n, j) => n + f(cells[j]!), 0);
    // As the figures engine: a part's figure is absent when no voorziening of the cell has an amount of it.
    const toeg = sum((c) => c.bronnen!.toegerekend);
    values.set(key, { clienten: sum((c) => c.clienten), voorzieningen: sum((c) => c.voorzieningen), kosten: sum((c) => c.kosten), bronnen: { client: sum((c) => c.bronnen!.client), ...(toeg === 0 ? {} : { toegerekend: toeg }) } });
  }
  return buildRelease(cells, levels, values, false);
}

describe('the kosten_bron parts', () => {
  // Three products × two aanbieders; p1|a is small. Lasten are allocated to p1|a, p2|a and p3|b only.
  const inner = [cell('GM9901', 'W1', 'p1', 'a', 3), cell('GM9901', 'W1', 'p1', 'b', 20), cell('GM9901', 'W1', 'p2', 'a', 30), cell('GM9901', 'W1', 'p2', 'b', 40), cell('GM9901', 'W1', 'p3', 'a', 50), cell('GM9901', 'W1', 'p3', 'b', 60)];
  const lasten = [5_000_00, 0, 8_000_00, 0, 0, 2_000_00];
  const rectangle = ['GM9901|gemeente||productcode=p1|aanbieder=a', 'GM9901|gemeente||productcode=p1|aanbieder=b', 'GM9901|gemeente||productcode=p2|aanbieder=a', 'GM9901|gemeente||productcode=p2|aanbieder=b'];

  test('without parts the rectangle p1/p2 × a/b protects p1|a', async () => {
    const r = release(inner, PAIRS);
    expect(Object.keys(await pattern(r))).toEqual(rectangle);
  });

  test('the rectangle protects the total costs of p1|a but not its toegerekend part, which the audit flags', async () => {
    const r = releaseWithLasten(inner, lasten, PAIRS);
    const g = (key: string) => r.groupOf.get(key)!;
    const suppressed = new Set(rectangle.map(g));
    const audit = await auditRelease(r, suppressed, new Set([g(rectangle[0]!)]));
    const p1a = audit.find((a) => a.group === g(rectangle[0]!))!;
    // Total costs: p1|a moves against p1|b, p2|a, p2|b by up to min(p1|b, p2|a) = €2,000 (client
    // part €2,000 of p1|b) up and min(p1|a, p2|b) down: far more than 10 % of €5,300. The audit
    // proves what the rule asks, no more: its capped batch stops at 10 % (witnessProofs.ts).
    expect(p1a.kosten!.bovengrens - p1a.kosten!.ondergrens).toBeGreaterThanOrEqual(0.1 * (3 * 10_000 + 5_000_00) - 1e-6);
    // Toegerekend: aanbieder b's part (€2,000) is p3|b's alone (published), so p1|b and p2|b have
    // none, and product p1's part (€5,000) is then p1|a's: exactly known.
    // (Its outer bounds settle that without a solve; they are loosened by a relative 1e-9.)
    expect(p1a.bronnen!.toegerekend!.ondergrens).toBeCloseTo(5_000_00, 1);
    expect(p1a.bronnen!.toegerekend!.bovengrens).toBeCloseTo(5_000_00, 1);
    expect(p1a.ok).toBe(false);
    // p2|a likewise (product p2's part minus p2|b's nothing); p1|b and p2|b have no part of their own and are not audited on it.
    expect(audit.find((a) => a.group === g(rectangle[2]!))!.ok).toBe(false);
    expect(audit.find((a) => a.group === g(rectangle[1]!))!.bronnen!.toegerekend).toBeUndefined();
    expect(audit.find((a) => a.group === g(rectangle[1]!))!.bronnen!.client).toBeDefined();
  });

  test('suppression adds the cell that opens the part, and then every part is wide enough', async () => {
    const r = releaseWithLasten(inner, lasten, PAIRS);
    const { soort, audit } = await suppressRelease(r);
    expect(audit.filter((a) => !a.ok)).toEqual([]);
    const keys = [...soort.keys()].flatMap((g) => r.groups[g]!.keys).sort();
    // p3|b (the only other cell of aanbieder b with lasten) must go: only then can p1|b and
    // p2|b carry part of b's €2,000, and p1|a's part move below €5,000. Hiding p3|b alone would
    // make it product p3 minus p3|a, so p3|a goes with it.
    expect(keys).toEqual([...rectangle, 'GM9901|gemeente||productcode=p3|aanbieder=a', 'GM9901|gemeente||productcode=p3|aanbieder=b']);
    const p1a = audit.find((a) => a.group === r.groupOf.get(rectangle[0]!))!;
    expect(p1a.bronnen!.toegerekend!.bovengrens - p1a.bronnen!.toegerekend!.ondergrens).toBeGreaterThanOrEqual(0.1 * 5_000_00);
  });
});

describe('stricter publication rules', () => {
  test('with a minimum of 10 a cell of 7 clients is primary and the attacker cannot prove it below 10', async () => {
    const r = release([cell('GM9901', 'W1', 'A', 'x', 7), cell('GM9901', 'W1', 'B', 'x', 20), cell('GM9901', 'W1', 'C', 'x', 30)], PRODUCT);
    expect(Object.keys(await pattern(r))).toEqual([]);
    const { soort, audit } = await suppressRelease(r, undefined, { minimumClienten: 10, kostenBreedte: 0.1 });
    const a = r.groupOf.get('GM9901|gemeente||productcode=A')!;
    expect(soort.get(a)).toBe('primair');
    expect(audit.every((x) => x.ok)).toBe(true);
    expect(audit.find((x) => x.group === a)!.clienten.bovengrens).toBeGreaterThanOrEqual(10);
  });

  test('a stricter cost width asks more of the costs', async () => {
    // The wijk hierarchy: W3 (2 clients, €200) hides with W2 (€2,000): W3's costs move by €2,000 at most.
    const levels: ReleaseLevel[] = [{ niveau: 'gemeente', dimensions: [[]] }, { niveau: 'wijk', dimensions: [[]] }];
    const r = release([cell('GM9901', 'W1', 'A', 'x', 30), cell('GM9901', 'W2', 'A', 'x', 20), cell('GM9901', 'W3', 'A', 'x', 2)], levels);
    const w3 = r.groupOf.get('GM9901|wijk|W3|')!;
    const strict = await suppressRelease(r, undefined, { minimumClienten: 5, kostenBreedte: 0.5 });
    const interval = strict.audit.find((x) => x.group === w3)!.kosten!;
    expect(interval.bovengrens - interval.ondergrens).toBeGreaterThanOrEqual(0.5 * 2 * 10_000);
  });

  test('rules looser than 5 clients or 10 % are refused with a Dutch message', async () => {
    await expect(discloseFigures([], [], [], { regels: { minimumClienten: 4, kostenBreedte: 0.1 } })).rejects.toThrow('Het publicatieminimum moet een geheel getal van ten minste 5 cliënten zijn (gekregen: 4).');
    await expect(discloseFigures([], [], [], { regels: { minimumClienten: 7.5, kostenBreedte: 0.1 } })).rejects.toThrow(/geheel getal/);
    await expect(discloseFigures([], [], [], { regels: { minimumClienten: 5, kostenBreedte: 0.05 } })).rejects.toThrow(/De kostenbreedte moet ten minste 0,1/);
  });
});
