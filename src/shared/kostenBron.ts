/**
 * Where a cost figure's money comes from when a scope has lasten (toerekening): the names both
 * the core (figures, tables, exports) and the screens use. The figure itself is the total "met
 * toerekening"; beside it `kosten_bron=client` (recorded per client, "zonder toerekening") and
 * `kosten_bron=toegerekend` (the allocated lasten).
 */
export const KOSTEN_BRONNEN = ['client', 'toegerekend'] as const;
export type KostenBron = (typeof KOSTEN_BRONNEN)[number];

export const KOSTEN_BRON_KEY = 'kosten_bron';

export const MET_TOEREKENING = 'met toerekening';
export const KOSTEN_BRON_TITELS: Record<KostenBron, string> = { client: 'zonder toerekening', toegerekend: 'toegerekend' };

export function markKostenBron(dimensie: string, bron: KostenBron): string {
  return dimensie === '' ? `${KOSTEN_BRON_KEY}=${bron}` : `${dimensie}|${KOSTEN_BRON_KEY}=${bron}`;
}
