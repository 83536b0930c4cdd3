/**
 * How a cost figure marks where its money comes from when a scope has lasten: the figure itself
 * is the total (with toerekening), and beside it the same figure with `kosten_bron=client`
 * (costs recorded per client, the figure without toerekening) and `kosten_bron=toegerekend`
 * (the allocated lasten). The mark goes last in `dimensie`, after the split it belongs to.
 */
export const KOSTEN_BRONNEN = ['client', 'toegerekend'] as const;
export type KostenBron = (typeof KOSTEN_BRONNEN)[number];

export const KOSTEN_BRON_KEY = 'kosten_bron';

export function markKostenBron(dimensie: string, bron: KostenBron): string {
  return dimensie === '' ? `${KOSTEN_BRON_KEY}=${bron}` : `${dimensie}|${KOSTEN_BRON_KEY}=${bron}`;
}

/** The split and the mark of a dimensie: `pijler=WMO|kosten_bron=client` → `pijler=WMO`, `client`. */
export function splitKostenBron(dimensie: string): { dimensie: string; bron: KostenBron | null } {
  const match = /(?:^|\|)kosten_bron=(client|toegerekend)$/.exec(dimensie);
  if (!match) return { dimensie, bron: null };
  return { dimensie: dimensie.slice(0, match.index), bron: match[1] as KostenBron };
}
