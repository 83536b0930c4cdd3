import { defaultResourcesDir, readResourceTable } from '../../resources/csvTable.ts';

/** A CBS column as data: its typed-dataset key names (without the numeric suffix) and StatLine labels. */
export type CbsColumn = { naam: string; sleutels: string[]; labels: string[] };

/** The tables that tell the reference intake how to read CBS and map files; replaceable data. */
export type ReferenceResources = {
  /** resources/cbs-kenmerken.csv: what is stored per region, in that order. */
  kenmerken: CbsColumn[];
  /** resources/cbs-regiokolommen.csv: code, soort, gemeentenaam, naam. */
  regiokolommen: CbsColumn[];
  /** resources/cbs-tabellen.csv: StatLine table id (`84583NED`) → year. */
  tabellen: Map<string, number>;
  /** resources/geojson-velden.csv: feature properties that hold the code, name or year, in order of preference. */
  geojsonVelden: { code: string[]; naam: string[]; jaar: string[] };
  /** resources/pijlers.csv: code and synonyms (lower case) → code; the sources of aggregated figures are among them. */
  bronnen: Map<string, string>;
};

const list = (value: string | undefined) => (value ?? '').split('|').map((s) => s.trim()).filter((s) => s !== '');

let loaded: { dir: string; resources: ReferenceResources } | null = null;

export function loadReferenceResources(dir = defaultResourcesDir): ReferenceResources {
  if (loaded?.dir === dir) return loaded.resources;
  const column = (naam: string, r: Record<string, string>): CbsColumn => ({ naam, sleutels: list(r.sleutel), labels: list(r.labels) });
  const velden = readResourceTable(dir, 'geojson-velden.csv');
  const byRole = (rol: string) => velden.filter((r) => r.rol === rol).map((r) => r.veld!);
  const bronnen = new Map<string, string>();
  for (const r of readResourceTable(dir, 'pijlers.csv')) {
    bronnen.set(r.code!.toLowerCase(), r.code!);
    for (const synonym of list(r.synoniemen)) if (!bronnen.has(synonym.toLowerCase())) bronnen.set(synonym.toLowerCase(), r.code!);
  }
  const resources: ReferenceResources = {
    kenmerken: readResourceTable(dir, 'cbs-kenmerken.csv').map((r) => column(r.kenmerk!, r)),
    regiokolommen: readResourceTable(dir, 'cbs-regiokolommen.csv').map((r) => column(r.veld!, r)),
    tabellen: new Map(readResourceTable(dir, 'cbs-tabellen.csv').map((r) => [r.tabel!.toUpperCase(), Number(r.jaar)])),
    geojsonVelden: { code: byRole('code'), naam: byRole('naam'), jaar: byRole('jaar') },
    bronnen,
  };
  loaded = { dir, resources };
  return resources;
}
