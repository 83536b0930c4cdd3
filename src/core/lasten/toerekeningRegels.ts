import { defaultResourcesDir, readResourceTable } from '../resources/csvTable.ts';

/**
 * The allocation rules as data (resources/toerekening.csv, per productcode, `*` for every other
 * product) and how a frequentie turns a volume into a volume per day
 * (resources/toerekening-frequenties.csv). The three rules of the Arrangementenmonitor:
 *  - `gelijk`: every client of the product an equal share;
 *  - `dagen`: by the days in care within the period;
 *  - `volume`: by volume × frequentie × days (the intensity of the care, not only its length).
 */
export const TOEREKENING_REGELS = ['gelijk', 'dagen', 'volume'] as const;
export type ToerekeningRegel = (typeof TOEREKENING_REGELS)[number];

export const REGEL_OMSCHRIJVING: Record<ToerekeningRegel, string> = {
  gelijk: 'gelijk per cliënt',
  dagen: 'naar dagen in zorg binnen de periode',
  volume: 'naar volume × frequentie × dagen',
};

/** Volume per day for a frequentie code: a factor, or `looptijd` (the volume spans the voorziening's duration). */
export type PerDag = number | 'looptijd';

export type ToerekeningTabellen = { regels: Map<string, ToerekeningRegel>; standaard: ToerekeningRegel; frequenties: Map<string, PerDag> };

export function loadToerekening(dir = defaultResourcesDir): ToerekeningTabellen {
  const regels = new Map<string, ToerekeningRegel>();
  readResourceTable(dir, 'toerekening.csv').forEach((r, i) => {
    const regel = (r.regel ?? '').trim() as ToerekeningRegel;
    if (!TOEREKENING_REGELS.includes(regel) || !r.productcode) throw new Error(`resources/toerekening.csv: row ${i + 2} has no valid productcode and regel (${TOEREKENING_REGELS.join(', ')})`);
    regels.set(r.productcode.trim(), regel);
  });
  const standaard = regels.get('*');
  if (standaard === undefined) throw new Error('resources/toerekening.csv has no rule for productcode *');
  regels.delete('*');
  const frequenties = new Map<string, PerDag>();
  readResourceTable(dir, 'toerekening-frequenties.csv').forEach((r, i) => {
    const text = (r.per_dag ?? '').trim();
    const value = text === 'looptijd' ? 'looptijd' : Number(text);
    if (value !== 'looptijd' && !(value > 0)) throw new Error(`resources/toerekening-frequenties.csv: row ${i + 2} has no valid per_dag`);
    frequenties.set((r.frequentie ?? '').trim(), value);
  });
  return { regels, standaard, frequenties };
}

export function regelFor(tabellen: ToerekeningTabellen, productcode: string): ToerekeningRegel {
  return tabellen.regels.get(productcode) ?? tabellen.standaard;
}
