import { defaultResourcesDir, readResourceTable } from './csvTable.ts';

/** `synoniemen`: other ways a vertaaltabel may write the code (a leefdomein's number). */
export type Leefdomein = { code: string; naam: string; omschrijving: string; synoniemen: string[] };
export type Voorzieningsoort = { code: string; naam: string; pijler: string; categorie: string; leefdomein: string; synoniemen: string[] };
/** Who pays for a product (DOMAIN.md); a vertaaltabel row without one is the gemeente's. */
export type Financier = { code: string; naam: string; synoniemen: string[] };
export type Pijler = { code: string; naam: string; synoniemen: string[] };
export type FieldDefinition = {
  veld: string;
  verplicht: boolean;
  /** What kind of value the field holds; decides how sample values are checked. */
  soort: string;
  synoniemen: string[];
  omschrijving: string;
  /** Fields a header named for this one may turn out to hold (an "Aanbieder" column of AGB codes). */
  verwant: string[];
  /** How the field is called on screen ("Naam aanbieder"), and the code list its values come from (a tooltip). */
  label: string;
  codelijst: string;
};
/** `zin`: the check in words on screen, after the field's label ("BSN: ongeldig, rij uitgesloten"). */
export type QualityCheck = { controle: string; soort: string; omschrijving: string; zin: string };
export type ExclusionRule = { gegeven: string; controle: string; veld: string; waarden: string[]; toelichting: string };

/** The classification tables and code lists the app works with, loaded once per core. */
export type ReferenceTables = {
  leefdomeinen: Leefdomein[];
  voorzieningsoorten: Voorzieningsoort[];
  financiers: Financier[];
  pijlers: Pijler[];
  velden: FieldDefinition[];
  uitsluitingsregels: ExclusionRule[];
  controles: QualityCheck[];
};

const list = (value: string | undefined) => (value ?? '').split('|').map((s) => s.trim()).filter((s) => s !== '');

export function loadReferenceTables(dir = defaultResourcesDir): ReferenceTables {
  const table = (name: string) => readResourceTable(dir, name);
  return {
    leefdomeinen: table('leefdomeinen.csv').map((r) => ({ code: r.code!, naam: r.naam!, omschrijving: r.omschrijving ?? '', synoniemen: list(r.synoniemen) })),
    voorzieningsoorten: table('voorzieningsoorten.csv').map((r) => ({
      code: r.code!,
      naam: r.naam!,
      pijler: r.pijler!,
      categorie: r.categorie ?? '',
      leefdomein: r.leefdomein!,
      synoniemen: list(r.synoniemen),
    })),
    financiers: table('financiers.csv').map((r) => ({ code: r.code!, naam: r.naam!, synoniemen: list(r.synoniemen) })),
    pijlers: table('pijlers.csv').map((r) => ({ code: r.code!, naam: r.naam!, synoniemen: list(r.synoniemen) })),
    velden: table('kolomnamen.csv').map((r) => ({
      veld: r.veld!,
      verplicht: r.verplicht === 'ja',
      soort: r.soort!,
      synoniemen: list(r.synoniemen),
      omschrijving: r.omschrijving ?? '',
      verwant: list(r.verwant),
      label: r.label || r.veld!,
      codelijst: r.codelijst ?? '',
    })),
    uitsluitingsregels: table('uitsluitingsregels.csv').map((r) => ({
      gegeven: r.gegeven!,
      controle: r.controle!,
      veld: r.veld!,
      waarden: list(r.waarden),
      toelichting: r.toelichting ?? '',
    })),
    controles: table('controles.csv').map((r) => ({ controle: r.controle!, soort: r.soort!, omschrijving: r.omschrijving ?? '', zin: r.zin || r.controle! })),
  };
}
