import type { PerDag, ToerekeningRegel } from './toerekeningRegels.ts';

/**
 * Allocation of one lasten amount (whole cents) over the voorzieningen of its product in its
 * period, by one rule (toerekeningRegels.ts). The shares are whole cents that add up to the
 * amount exactly: each gets the floor of its exact share and the cents left over go to the
 * largest remainders, ties to the earlier voorziening (largest remainder method), so the same
 * input always gives the same cents. Dates are day numbers; `eind` null is still running.
 */
export type AllocationRecord = { rij: number; client: number; begin: number; eind: number | null; volume: number | null; frequentie: string | null };

export type Allocation = {
  /** Cents per voorziening (rij); only voorzieningen that got something. */
  shares: Map<number, number>;
  /** The rule used: `volume` falls back to `dagen` when no voorziening has a usable volume. */
  regel: ToerekeningRegel;
  /** Voorzieningen the volume rule could not weigh (no volume or unknown frequentie): they get nothing. */
  zonderVolume: number;
};

/** Days of the voorziening within the period, both ends counted. */
export function daysWithin(record: Pick<AllocationRecord, 'begin' | 'eind'>, periode: { begin: number; eind: number }): number {
  const from = Math.max(record.begin, periode.begin);
  const to = Math.min(record.eind ?? periode.eind, periode.eind);
  return Math.max(0, to - from + 1);
}

export function allocateCosts(
  cents: number,
  records: readonly AllocationRecord[],
  regel: ToerekeningRegel,
  periode: { begin: number; eind: number },
  frequenties: ReadonlyMap<string, PerDag>,
): Allocation {
  const sorted = [...records].sort((a, b) => a.rij - b.rij);
  if (sorted.length === 0 || cents === 0) return { shares: new Map(), regel, zonderVolume: 0 };
  if (regel === 'gelijk') {
    // Per client first (equal shares), then each client's share over its voorzieningen equally.
    const byClient = new Map<number, AllocationRecord[]>();
    for (const r of sorted) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r]);
    const clients = [...byClient.keys()].sort((a, b) => a - b);
    const perClient = largestRemainder(cents, clients.map(() => 1));
    const shares = new Map<number, number>();
    clients.forEach((c, i) => {
      const own = byClient.get(c)!;
      largestRemainder(perClient[i]!, own.map(() => 1)).forEach((v, j) => add(shares, own[j]!.rij, v));
    });
    return { shares, regel, zonderVolume: 0 };
  }
  const days = sorted.map((r) => daysWithin(r, periode));
  if (regel === 'volume') {
    let zonderVolume = 0;
    const weights = sorted.map((r, i) => {
      const perDag = r.frequentie === null ? undefined : frequenties.get(r.frequentie);
      if (r.volume === null || !(r.volume > 0) || perDag === undefined) {
        zonderVolume++;
        return 0;
      }
      // Totaal binnen geldigheidsduur: the volume is spread over the voorziening's own days.
      const perDay = perDag === 'looptijd' ? 1 / Math.max(1, (r.eind ?? periode.eind) - r.begin + 1) : perDag;
      return r.volume * perDay * days[i]!;
    });
    if (weights.some((w) => w > 0)) return { shares: toShares(sorted, largestRemainder(cents, weights)), regel, zonderVolume };
    return { ...allocateCosts(cents, sorted, 'dagen', periode, frequenties), zonderVolume };
  }
  // dagen; a period in which nobody had a day of care cannot happen for overlapping records, but
  // equal shares keep the amount whole if it did.
  return { shares: toShares(sorted, largestRemainder(cents, days.some((d) => d > 0) ? days : days.map(() => 1))), regel, zonderVolume: 0 };
}

function toShares(records: readonly AllocationRecord[], cents: readonly number[]): Map<number, number> {
  const shares = new Map<number, number>();
  cents.forEach((v, i) => add(shares, records[i]!.rij, v));
  return shares;
}

function add(shares: Map<number, number>, rij: number, cents: number): void {
  if (cents !== 0) shares.set(rij, (shares.get(rij) ?? 0) + cents);
}

/** Whole parts of `total` proportional to `weights` that sum to `total` exactly. */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0)) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}
