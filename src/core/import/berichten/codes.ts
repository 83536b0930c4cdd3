import { defaultResourcesDir, readResourceTable } from '../../resources/csvTable.ts';

export type Standaard = 'iwmo' | 'ijw';

/**
 * The iStandaarden code lists the importer needs, keyed by standard + code because the same code
 * means different things in iWmo and iJw (reden beëindiging 31, for one). Data in
 * resources/berichten-codes.csv, so a new release changes a table, not code.
 */
export type BerichtCodes = {
  /** `WMO301`, `JW323`, … for a header BerichtCode, or undefined when the standard has no such code. */
  berichtType(standaard: Standaard, berichtcode: string): string | undefined;
  pijler(standaard: Standaard): string;
  /** The name in the list, or undefined when the code is not in it. */
  naam(standaard: Standaard, lijst: string, code: string): string | undefined;
  /** Whether the resources hold this list for the standard (iWmo's reden beëindiging is not in them yet). */
  heeftLijst(standaard: Standaard, lijst: string): boolean;
  /** Address kinds in order of preference: the first one a client has gives PC6 and household. */
  adresVoorkeur(standaard: Standaard): readonly string[];
};

export function loadBerichtCodes(resourcesDir = defaultResourcesDir): BerichtCodes {
  const rows = readResourceTable(resourcesDir, 'berichten-codes.csv');
  const byKey = new Map<string, string>();
  const lists = new Map<string, string[]>();
  for (const row of rows) {
    const { standaard, lijst, code, naam } = row as { standaard: string; lijst: string; code: string; naam: string };
    byKey.set(`${standaard}|${lijst}|${code}`, naam);
    const key = `${standaard}|${lijst}`;
    if (!lists.has(key)) lists.set(key, []);
    lists.get(key)!.push(code);
  }
  const naam = (standaard: Standaard, lijst: string, code: string) => byKey.get(`${standaard}|${lijst}|${code}`);
  return {
    berichtType: (standaard, code) => naam(standaard, 'berichtcode', code)?.split(' ')[0],
    pijler: (standaard) => {
      const pijler = naam(standaard, 'pijler', '-');
      if (pijler === undefined) throw new Error(`resource berichten-codes.csv: no pijler for ${standaard}`);
      return pijler;
    },
    naam,
    heeftLijst: (standaard, lijst) => lists.has(`${standaard}|${lijst}`),
    adresVoorkeur: (standaard) => lists.get(`${standaard}|adressoort`) ?? [],
  };
}
