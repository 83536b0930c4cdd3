/**
 * The API contract: the only door between the renderer and the core.
 * Every call is named `domain.action`; its argument and result types live here, with no runtime
 * dependencies, so the renderer, the preload, the hosts and the core all compile against one map.
 */
import type { CbsJaren } from './cbsJaren.ts';
import type { PackStatus } from './packStatus.ts';

export type Edition = 'gemeente' | 'analist';

export interface Settings {
  edition: Edition | null;
  gemeenteCode: string | null;
  gemeenteNaam: string | null;
  /** The analyst edition's central organisation, shown in its sidebar; null until set. */
  organisatieNaam: string | null;
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  details: Record<string, unknown>;
}

export interface KeyStatus {
  /** Null while this laptop has no key yet. */
  vingerafdruk: string | null;
  aangemaakt: string | null;
  /** When a backup was proven readable by a dry-run restore; null: no proven backup. */
  backupBevestigd: string | null;
  /** Fingerprints earlier deliveries used, newest first. */
  leveringen: { sleutel: string; laatstePeriode: string; aantal: number }[];
}

export interface ChosenFile {
  /** Opaque: the core keeps the path; the page only refers to the file by this id. */
  id: string;
  naam: string;
  grootte: number;
}

/** What a drop on the Importeren screen added, and what it refused (one Dutch sentence each). */
export interface DroppedFiles {
  bestanden: ChosenFile[];
  geweigerd: string[];
}

/**
 * A file dropped on the page, as the browser hands it over (a DOM `File`). The page passes it to
 * the bridge untouched; only the host looks at it, to find where it lives or to copy its bytes.
 */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

export type ReaderChoice =
  | { format: 'csv'; encoding: 'utf-8' | 'windows-1252'; delimiter: ';' | ',' | '\t' | '|'; headerRow: number }
  | { format: 'xlsx'; sheet: string; headerRow: number };

export interface ImportPreview {
  bestandId: string;
  lezer: ReaderChoice;
  sheets: string[];
  headers: string[];
  /** The first rows as text; anything that could be a BSN is masked before it reaches the page. */
  rows: string[][];
  /** Suggested field → header. */
  kolommen: Record<string, string>;
  decimaal: ',' | '.';
  /** `label` is the Dutch name on screen; `codelijst` the iWmo/iJw code list id (COD327), for a tooltip. */
  velden: { veld: string; label: string; verplicht: boolean; omschrijving: string; codelijst: string }[];
  waarschuwingen: string[];
  /** With a profile: headers that changed since it was saved (to confirm) or are gone (to choose). */
  gewijzigd: { veld: string; was: string; nu: string }[];
  ontbrekend: { veld: string; was: string }[];
}

export interface ImportResult {
  bestand: string;
  periode: string;
  rijenGelezen: number;
  rijenIngelezen: number;
  rijenUitgesloten: number;
  bevindingen: { gegeven: string; controle: string; aantal: number; omschrijving: string }[];
}

/** One voorziening reconstructed from iWmo/iJw messages, as the Importeren screen previews it (no client, no address). */
export interface BerichtenVoorziening {
  gemeente: string;
  toewijzingnummer: string;
  standaard: 'iwmo' | 'ijw';
  categorie: string | null;
  productcode: string;
  begindatum: string;
  einddatum: string | null;
  aanbieder: string | null;
  kosten: number | null;
  bestand: string;
}

export interface BerichtenPreview {
  /** Messages read per type (`WMO301`: 12, …). */
  berichten: Record<string, number>;
  ongeldig: number;
  /** How many voorzieningen the messages give; `voorzieningen` lists the first of them. */
  aantal: number;
  voorzieningen: BerichtenVoorziening[];
  /** Dutch, each naming file and element path; never a value. */
  meldingen: string[];
}

/** One export read into the store (an import batch), as Importeren lists it. */
export interface ImportedFile {
  id: number;
  periode: string;
  bestand: string;
  /** The mapping profile it was read with (the file name when none was saved). */
  profiel: string;
  /** ISO timestamp; the page shows it in Dutch. */
  ingelezen: string;
  rijenGelezen: number;
  rijenIngelezen: number;
  rijenUitgesloten: number;
}

/** How serious a line of the quality report is, most serious first. */
export type QualitySeverity = 'uitgesloten' | 'ongeldig' | 'onwaarschijnlijk' | 'informatie' | 'vulgraad';

export interface QualityLine {
  gegeven: string;
  controle: string;
  aantal: number;
  totaal: number;
  percentage: number;
  toelichting: string;
  ernst: QualitySeverity;
  /** The line in words: "BSN: ongeldig, rij uitgesloten". */
  zin: string;
}

/** Where a finding is in an export; never the value itself. */
export interface FindingLine {
  bestand: string;
  rij: number;
  gegeven: string;
  kolom: string | null;
  controle: string;
  uitgesloten: boolean;
}

export type FindingSortColumn = 'bestand' | 'rij' | 'kolom' | 'uitgesloten';

export interface FindingsPage {
  rijen: FindingLine[];
  /** All findings behind the line, not just this page. */
  totaal: number;
}

export interface Product {
  productcode: string;
  product: string;
  pijler: string;
  categorie: string;
  voorziening: string;
  leefdomein: string;
  financier: string;
}

export interface UnmappedProduct {
  productcode: string;
  product: string | null;
  rijen: number;
  voorstel: (Product & { reden: string }) | null;
}

export interface ProductTable {
  producten: Product[];
  /** Product codes in imported exports that the table does not classify yet. */
  nietIngedeeld: UnmappedProduct[];
  keuzes: {
    pijlers: string[];
    voorzieningen: { code: string; naam: string; pijler: string }[];
    leefdomeinen: { code: string; naam: string }[];
    financiers: { code: string; naam: string }[];
  };
}

/** What a vertaaltabel import did, against the table it replaced. */
export interface ProductImportCounts {
  bestand: string;
  ingelezen: number;
  nieuw: number;
  gewijzigd: number;
  ongewijzigd: number;
  /** In the previous table, absent from the imported one (the import replaces the whole table). */
  vervallen: number;
}

/** The table after an import; `ingelezen` is null when the open dialog was cancelled. */
export interface ProductImportResult extends ProductTable {
  ingelezen: ProductImportCounts | null;
}

export interface PreflightItem {
  id: 'sleutel' | 'backup' | 'import' | 'producten' | 'gemeente' | 'kwaliteit' | 'gebieden' | 'geleverd';
  ok: boolean;
  /** Does not stop the delivery but asks for attention (a period delivered before, some postcodes without a wijk). */
  waarschuwing?: boolean;
  tekst: string;
  /** The screen where it is fixed. */
  scherm: string;
}

export interface DeliveryRecordSummary {
  /** Refers to the delivery in `delivery.showInFolder`; the page never handles its path. */
  id: number;
  periode: string;
  bestand: string;
  aangemaakt: string;
  rijen: number;
  sha256: string;
  sleutel: string;
}

export interface Area {
  postcode: string;
  wijk: string;
  wijknaam: string;
  gebied: string;
}

export interface AreaTable {
  gebieden: Area[];
  /** Postcodes in imported exports that match no row: their clients get wijk "onbekend". */
  onbekend: { postcode: string; rijen: number }[];
}

export interface DeliveryPreview {
  /** The columns of voorzieningen.csv, in order. */
  kolommen: string[];
  /** The first rows exactly as they would be written. */
  rijen: (string | number)[][];
  /** How many rows the file would hold. */
  totaal: number;
  /** Why `totaal` differs from the rows in the exports: every row read is in exactly one of these or in `totaal`. */
  herkomst: { gelezen: number; uitgesloten: number; buitenPeriode: number; samengevoegd: number; nietIngedeeld: number };
  manifest: { gemeentecode: string; gemeentenaam: string; periode: string; periode_begin: string; periode_eind: string; sleutel: string; bestanden: string[] };
}

export type SaveResult = { saved: true; path: string } | { saved: false };

/** One target of the programmering; empty productcode, aanbieder or wijk is the total over them. */
export interface ProgrammeringRegel {
  jaar: number;
  pijler: string;
  productcode: string;
  aanbieder: string;
  wijk: string;
  clienten: number | null;
  kosten: number | null;
  /** Target share of clients within the row's group, as a percentage (0-100). */
  aandeel: number | null;
}

export type ProgrammeringSleutel = Pick<ProgrammeringRegel, 'jaar' | 'pijler' | 'productcode' | 'aanbieder' | 'wijk'>;

export interface ProgrammeringTabel {
  regels: ProgrammeringRegel[];
  pijlers: string[];
}

export type ProgrammeringImportResult = ProgrammeringTabel & { ingelezen: { bestand: string; regels: number; jaren: number[] } | null };

/**
 * One row of the lasten (toerekening): what the gemeente paid in a period for a product financed
 * without costs per client (a subsidy, a budget, a contract sum), optionally per aanbieder (its
 * AGB code or name; empty for the product's total over all aanbieders). In euros.
 */
export interface LastenRegel {
  periode: string;
  productcode: string;
  aanbieder: string;
  kosten: number;
}

export type LastenSleutel = Pick<LastenRegel, 'periode' | 'productcode' | 'aanbieder'>;

/** The lasten and, per product, the allocation rule from resources/toerekening.csv that applies to it. */
export interface LastenTabel {
  regels: LastenRegel[];
  /** Per productcode in the table (and `*`, the default) its rule: gelijk, dagen or volume. */
  regelsPerProduct: { productcode: string; regel: string; omschrijving: string }[];
}

export type LastenImportResult = LastenTabel & { ingelezen: { bestand: string; regels: number; perioden: string[] } | null };

/** What a figure means: shown beside it and on the Begrippen page. */
export interface IndicatorDefinition {
  code: string;
  naam: string;
  eenheid: string;
  formule: string;
  populatie: string;
}

/** The Overzicht of one period: the gemeente's own figures, unsuppressed (internal use). */
export interface OverzichtCijfers {
  periode: string;
  vergelijk: string | null;
  /** Cliënten, huishoudens, kosten, kosten per cliënt, with the comparison period's value. */
  tegels: { indicator: string; waarde: number | null; vergelijk: number | null }[];
  wijken: { wijk: string; clienten: number; kosten: number | null }[];
  /** Clients per leefdomein and pijler (the "waaier"). */
  waaier: { leefdomein: string; naam: string; pijler: string; clienten: number; kosten: number | null }[];
  stapeling: { combinatie: string; clienten: number }[];
  stromen: { beginstand: number; instroom: number; uitstroom: number; eindstand: number };
  /** Per quarter up to the period, each computed from its own records. */
  trend: { periode: string; clienten: number; kosten: number | null; instroom: number; uitstroom: number }[];
  /**
   * Only when the period has lasten (toerekening): the tiles' kosten include the allocated
   * lasten; here the same figures without them (kosten_bron=client) and the allocated amount.
   */
  toerekening: { toegerekend: number | null; kostenZonder: number | null; kostenPerClientZonder: number | null } | null;
  waarschuwingen: string[];
}

export type OverzichtTabelNaam = 'wijken' | 'waaier' | 'stapeling' | 'trend' | 'aanbieders' | 'informatievragen' | 'uitsplitsing' | 'programmering' | 'toerekening';

export type Niveau = 'gemeente' | 'wijk' | 'gebied';
export type Splitsing = 'pijler' | 'leefdomein' | 'voorziening' | 'productcode' | 'aanbieder';

/** Which table: the name, the period, and for some tables a pillar filter, a level and a split. */
export interface TabelKeuze {
  periode: string;
  tabel: OverzichtTabelNaam;
  pijler: string | null;
  /** For 'uitsplitsing': the area level and up to two splits (in any order; shown in the contract's order). */
  niveau?: Niveau;
  splitsing?: Splitsing[];
}

export interface TabelKolom {
  naam: string;
  titel: string;
  soort: 'tekst' | 'aantal' | 'getal' | 'euro' | 'procent';
}

/** A table as the page shows it and as its export holds it. */
export interface OverzichtTabel {
  titel: string;
  kolommen: TabelKolom[];
  /** `subtotaal: true` marks subtotal and total rows. */
  rijen: Record<string, string | number | boolean | null>[];
  /** What the table signals for attention (the programmering's targets exceeded or on course to be), shown above it and written below it in Excel. */
  meldingen?: string[];
}

// analist-editie: ontvangst
/** One line per file offered to the central intake, in the order given. */
export interface CentralImportLine {
  bestand: string;
  uitkomst: 'nieuw' | 'vervangt' | 'al aanwezig' | 'geweigerd';
  /** Null for a refused file whose levering.json could not be read. */
  gemeente: string | null;
  periode: string | null;
  versie: number | null;
  rijen?: number;
  /** The version this one superseded (`vervangt v1`). */
  vervangt?: number;
  /** The key fingerprint differs from the gemeente's previous accepted delivery. */
  sleutelGewijzigd?: boolean;
  /** Why a file was refused, in Dutch, naming file, row and column. */
  reden?: string;
}

/** One received file in the delivery matrix gemeente × periode. */
export interface CentralStatusRow {
  gemeente: string | null;
  gemeentenaam: string | null;
  periode: string | null;
  versie: number | null;
  rijen: number | null;
  ontvangen: string;
  status: 'actueel' | 'vervangen' | 'geweigerd';
  sleutelGewijzigd: boolean;
  /** Date (YYYY-MM-DD) of the gemeente's akkoord for this very version; null: none. */
  akkoord: string | null;
  bestand: string;
  reden: string | null;
}

export interface CentralApproval {
  gemeente: string;
  periode: string;
  versie: number;
  door: string;
  op: string;
}

/**
 * `central.export`: the long figures CSV. Intern: every gemeente with current deliveries, nothing
 * suppressed. Otherwise the approved gemeenten with disclosure control, and `audit` the path of
 * audit.csv beside it; `onderdrukking` counts cells (groups of cells with one inner set) and time;
 * `zonderStratum` the clients per gemeente and pijler that the standardisation leaves out (age or sex unknown);
 * `startTabellen` per gemeente the CBS 03759ned year its age × sex table was seeded with (null: age and sex independent).
 */
export type CentralDisclosureStats = { cellen: number; groepen: number; primair: number; secundair: number; rondes: number; weggelaten: number; ms: number };
export type CentralExportResult =
  | { saved: true; path: string; rijen: number; gemeenten: string[]; cbsJaren: CbsJaren; onderdrukking: CentralDisclosureStats | null; audit: string | null; zonderStratum: { gemeente: string; pijler: string; clienten: number }[]; startTabellen: { gemeente: string; jaar: number | null }[]; nietToegerekend: { gemeente: string; periode: string; productcode: string; aanbieder: string; kosten: number }[] }
  | { saved: false };
export type { CbsJaren } from './cbsJaren.ts';
export type { PackStatus } from './packStatus.ts';
export type CentralPackFiles = { xlsx: string; pdf: string; benchmark: string; parquet: string; csv: string };
/** `ijk`: the ijkperiode the pack compares with (null: none) and why parts are not compared. */
export type CentralPackOutcome = { gemeente: string; ok: true; files: CentralPackFiles; setting: { status: PackStatus; toelichting: string }; ijk: { periode: string | null; notes: string[] } } | { gemeente: string; ok: false; fout: string };
/**
 * The ijkperiode of a release's packs: `ijkperiode` the stored choice (null the default: the same
 * period a year earlier when published, else the earliest published one with the gemeente's key;
 * `geen`: none); `jaarEerder` that period a year earlier; `gepubliceerd` the earlier periods of
 * the same length with a stored publication.
 */
export type CentralPackRelease = { periode: string; ijkperiode: string | null; jaarEerder: string; gepubliceerd: string[] };
/** A gemeente of the period's release (current delivery with akkoord on `akkoord`, yyyy-mm-dd) and its pack's stored status and toelichting. */
export type CentralPackSetting = { gemeente: string; gemeentenaam: string; akkoord: string; status: PackStatus; toelichting: string; gewijzigd: string | null };
export type CentralPackResult =
  | { saved: true; map: string; release: string; audit: string; onderdrukking: CentralDisclosureStats | null; gemeenten: CentralPackOutcome[] }
  | { saved: false };
/** A value of the central release as the gemeente sees it: a number, suppressed, or absent (null). */
export type BenchmarkValue = number | 'onderdrukt' | null;
export type BenchmarkRelease = { periode: string; gemeente: string; aangemaakt: string; status: PackStatus; toelichting: string; ingelezen: string };
export type BenchmarkImportResult = { imported: false } | ({ imported: true; rijen: number; wijken: number } & BenchmarkRelease);
export type BenchmarkIndicatorRow = { indicator: string; naam: string; eenheid: string; eigen: number | null; groep: BenchmarkValue; gemeente: BenchmarkValue; alle: BenchmarkValue };
export type BenchmarkSr = { dimensie: string; sr: BenchmarkValue; onder: BenchmarkValue; boven: BenchmarkValue };
export type BenchmarkWijk = { wijk: string; wijknaam: string; inwoners: number | null; groep: string | null; groepnaam: string | null; rijen: BenchmarkIndicatorRow[]; sr: BenchmarkSr[] };
export type BenchmarkView = {
  releases: BenchmarkRelease[];
  /** The chosen release with the wijken; null when none was imported. */
  gekozen: (BenchmarkRelease & { gemeentenaam: string; wijken: BenchmarkWijk[]; eigenCijfers: boolean }) | null;
};
export type CentralFeedbackResult = { saved: true; path: string; bevindingen: { fout: number; waarschuwing: number; info: number } } | { saved: false };

/** `central.groups`: reference groups of comparable wijken, written to referentiegroepen.csv and two files beside it. */
export type CentralGroupsResult =
  | {
      saved: true;
      path: string;
      buren: string;
      kenmerken: string;
      jaar: number;
      groepen: { code: string; naam: string; klein: boolean; wijken: number; inwoners: number }[];
      wijken: number;
      /** Gemeenten those wijken lie in: groups are meant to be made over the whole country. */
      aantalGemeenten: number;
      /** Inhabitants from which a wijk is grouped with the others (default 2,500; Instellingen `kleine_wijk`); below it, the small wijken's groups. */
      kleineWijk: number;
      /** How many groups among the wijken of kleineWijk inhabitants or more, and how that number was chosen. */
      keuze: { k: number; gekozen: string; silhouettes: { k: number; silhouette: number }[] };
      /** The same for the wijken under kleineWijk (2 to 4 groups); null when there are too few of them to divide. */
      keuzeKlein: { k: number; gekozen: string; silhouettes: { k: number; silhouette: number }[] } | null;
      gebruikteKenmerken: string[];
      weggelaten: string[];
      zonderInwoners: number;
      geimputeerd: number;
    }
  | { saved: false };

/** `central.flows`: waterbed shifts between two periods; gemeenten whose key changed between them are left out. */
export type CentralFlowsResult = { saved: true; path: string; rijen: number; gemeenten: string[]; sleutelBreuk: string[] } | { saved: false };

/** `central.trends`: change against an ijkperiode; ALLE and the reference groups only when the same gemeenten, with one key each, take part in both. */
export type CentralTrendsResult = { saved: true; path: string; rijen: number; gemeenten: string[]; sleutelBreuk: string[]; alle: boolean } | { saved: false };

// analist-editie: referentiegegevens
export type ReferenceSoort = 'cbs_kwb' | 'cbs_bevolking' | 'cbs_pc6' | 'bron' | 'geojson';

/** What `central.reference` did with one file; each file is one transaction on its own. */
export interface ReferenceFileResult {
  bestand: string;
  /**
   * `vervangen`: the same source and year was there and is replaced as a whole; for CBS Kerncijfers
   * only the gemeenten (and the Nederland row) the file contains are replaced in its year.
   */
  status: 'nieuw' | 'vervangen' | 'geweigerd';
  soort: ReferenceSoort | null;
  /** Null when refused, or when the file holds several years (aggregated sources). */
  jaar: number | null;
  /** What was stored, by Dutch name (`regio's`, `wijken`, `waarden`, `postcodes`, `cijfers`, …). */
  aantallen: Record<string, number>;
  /** Dutch sentences: the layout and year found, what was replaced or missing; or why it was refused. */
  meldingen: string[];
}

/** A gemeente's area table per PC6 from the CBS postcode file, to send to the gemeente. */
export interface CentralAreaTable {
  gemeente: string;
  jaar: number;
  gebieden: Area[];
  /** PC6s with addresses in more than one wijk; each is in the wijk with most addresses. */
  dubbelzinnig: number;
  /** Wijken no loaded CBS Kerncijfers file names. */
  zonderNaam: number;
}

// analist-editie: benchmark- en kaartschermen
/** A wijk's shape for a map: GeoJSON geometry in WGS84 (converted from RD New when imported). */
export interface WijkVorm {
  code: string;
  naam: string | null;
  geometrie: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/** The imported wijk map of a year (the latest when not asked); `jaar` null: none imported. */
export interface WijkKaart {
  jaar: number | null;
  gebieden: WijkVorm[];
}

/** A figure as a screen shows it: `onderdrukt` cells have no value (never 0). */
export interface BenchmarkCijfer {
  gemeente: string;
  niveau: 'gemeente' | 'wijk';
  /** The wijk or reference group (RG01…); empty at gemeente level and for ALLE. */
  gebied: string;
  indicator: string;
  dimensie: string;
  waarde: number | null;
  onderdrukt: boolean;
}

/** Funnel plot control limits (sr around 100) at an expected count. */
export interface TrechterPunt {
  verwacht: number;
  onder95: number;
  boven95: number;
  onder998: number;
  boven998: number;
}

/**
 * `central.benchmark`: the benchmark figures of a period for one split, as the publication holds
 * them (disclosure-controlled, approved gemeenten only) or, `intern`, every current delivery unsuppressed.
 */
export interface CentralBenchmark {
  periode: string;
  intern: boolean;
  dimensie: string;
  /** The splits there are figures for: '' (totaal), `pijler=WMO`, `leefdomein=…`, `voorziening=…`. */
  dimensies: string[];
  indicatoren: string[];
  gemeenten: { code: string; naam: string }[];
  wijken: { code: string; naam: string; gemeente: string; groep: string | null }[];
  groepen: { code: string; naam: string }[];
  cijfers: BenchmarkCijfer[];
  /** Empty when the split has no standardised ratio (sr exists per pijler). */
  trechter: TrechterPunt[];
  cbsJaren: CbsJaren;
  onderdrukking: CentralDisclosureStats | null;
  /** Dutch sentences on what is missing and why (no CBS population, no groups, no pijler for the sr, …). */
  meldingen: string[];
  /** The table of one gemeente's wijken with its gemeente, their reference groups and ALLE (as the Excel export writes it). */
  tabel: OverzichtTabel | null;
}

/** `central.groupsView`: reference groups computed (and kept for the benchmark) for the screen. */
export interface CentralGroupsView {
  jaar: number;
  kenmerken: { code: string; naam: string }[];
  /** Mean per kenmerk over every grouped wijk, to set each group's profile against. */
  gemiddelde: number[];
  groepen: { code: string; naam: string; klein: boolean; wijken: number; inwoners: number; profiel: number[] }[];
  /** The two kenmerken that separate the groups most (highest between-group share of variance). */
  assen: [number, number];
  wijken: { code: string; naam: string; gemeente: string; inwoners: number; groep: string; afstand: number; x: number; y: number; buren: { code: string; naam: string; gemeente: string; afstand: number }[] }[];
  keuze: { k: number; gekozen: string; silhouettes: { k: number; silhouette: number }[] };
  weggelaten: string[];
  zonderInwoners: number;
}

export interface TrendRij { gemeente: string; wijk: string; indicator: string; dimensie: string; ijkwaarde: number; waarde: number; verschil: number; index: number | null }
/** A trend cell suppressed in one of the two publications the published trend compares. */
export interface TrendCel { gemeente: string; wijk: string; indicator: string; dimensie: string }
/** `onderdrukt`: in the published view (two stored publications compared), the cells suppressed in either; empty when intern. */
export interface CentralTrendView { ijk: string; periode: string; rijen: TrendRij[]; onderdrukt: TrendCel[]; gemeenten: string[]; sleutelBreuk: string[]; alle: boolean }
export interface StroomRij { gemeente: string; wijk: string; van: string; naar: string; clienten: number }
export interface CentralFlowView { van: string; naar: string; dimensie: 'pijler' | 'voorziening' | 'leefdomein'; rijen: StroomRij[]; gemeenten: string[]; sleutelBreuk: string[] }

// analist-editie: schermen
/** One line of the plausibility feedback on a delivery, as the report's Bevindingen sheet has it. */
export interface CentralFinding {
  ernst: 'fout' | 'waarschuwing' | 'info';
  onderwerp: string;
  bevinding: string;
}

/** What the Referentiedata screen shows: every source year loaded, and how far it covers the participating wijken. */
export interface ReferenceOverview {
  /**
   * `gemeenten`: for a CBS Kerncijfers file, how many gemeenten of its year it still provides (a
   * later file of the same year takes over the gemeenten it contains); `deelnemers`: which of the
   * participating gemeenten those are. Null and empty for the other kinds.
   */
  bronnen: { soort: ReferenceSoort; jaar: number | null; bron: string; periode: string; bestand: string; rijen: number; ingelezen: string; gemeenten: number | null; deelnemers: string[] }[];
  /** Gemeenten with a current delivery, and the wijken their records name (WK + 6 digits). */
  deelnemers: { gemeente: string; gemeentenaam: string; wijken: string[] }[];
  /**
   * Per CBS Kerncijfers year (inhabitants), per map year (shapes) and per aggregated source and
   * period (`bron`, `periode`; any figure for the wijk): which participating wijken it covers.
   */
  dekking: { soort: 'cbs_kwb' | 'geojson' | 'bron'; jaar: number; bron: string | null; periode: string | null; wijken: number; gedekt: number; ontbrekend: { gemeente: string; wijk: string }[] }[];
  /** Per postcode file year: participating gemeenten with and without addresses. */
  postcodes: { jaar: number; gemeenten: number; zonder: string[] }[];
  /** What is missing, one Dutch sentence each, saying what to do about it. */
  acties: { gemeente: string | null; tekst: string }[];
}

/** A threshold the analyst edition applies, as Instellingen shows and sets it (central/settings/thresholds.ts). */
export interface CentralThreshold {
  /** `minimum_clienten`, `kosten_breedte` (in %), `kleine_wijk`, `plausibiliteit.<controle>.<ernst>`. */
  code: string;
  groep: 'publicatie' | 'referentiegroepen' | 'plausibiliteit';
  naam: string;
  /** The value in use: the analyst's, or the default. */
  waarde: number;
  standaard: number;
  min: number;
  max: number;
  geheel: boolean;
  /** The project's publication rules: only a stricter value than the default is accepted. */
  alleenStrenger: boolean;
  eenheid: string;
  uitleg: string;
  /** When the analyst set it (ISO); null while it has its default. */
  gewijzigd: string | null;
}

/**
 * How a table exported from an analyst screen is marked: `intern` (unsuppressed; INTERN in the
 * file name and first line), `gepubliceerd` (as a publication holds it), `overzicht` (no figures on clients).
 */
export type TableExportView = 'intern' | 'gepubliceerd' | 'overzicht';

/** Argument and result type per call. `void` means the call takes no argument. */
export interface ApiCalls {
  'app.info': { args: void; result: AppInfo };
  'settings.get': { args: void; result: Settings };
  'settings.setEdition': { args: { edition: Edition }; result: Settings };
  'settings.setGemeente': { args: { code: string; naam: string }; result: Settings };
  /** The analyst edition: the name of the central organisation. */
  'settings.setOrganisatie': { args: { naam: string }; result: Settings };
  'audit.list': { args: { limit: number }; result: AuditEntry[] };
  'audit.export': { args: void; result: SaveResult };
  'key.status': { args: void; result: KeyStatus };
  'key.create': { args: void; result: KeyStatus };
  'key.backup': { args: { passphrase: string }; result: SaveResult };
  'key.confirmBackup': { args: { passphrase: string }; result: KeyStatus };
  'key.restore': { args: { passphrase: string; vervangen: boolean }; result: KeyStatus };
  'import.chooseFiles': { args: void; result: ChosenFile[] };
  /**
   * Files dropped on the window, redeemed by the one-time token their host handed out after
   * checking them (see PageArgs: the page itself passes the dropped files, never a token or path).
   */
  'import.dropFiles': { args: { drop: string }; result: DroppedFiles };
  'import.preview': {
    args: { bestandId: string; lezer?: { encoding?: string; delimiter?: string; sheet?: string; headerRow?: number }; profiel?: string };
    result: ImportPreview;
  };
  'import.profiles': { args: void; result: string[] };
  'import.run': {
    args: { jobId: string; bestandId: string; periode: string; lezer: ReaderChoice; kolommen: Record<string, string>; decimaal: ',' | '.'; profiel?: string };
    result: ImportResult;
  };
  'import.periods': { args: void; result: string[] };
  /** iWmo/iJw 3.2 messages: .xml files or zips of a berichtenverkeer archive. */
  'import.chooseBerichten': { args: void; result: ChosenFile[] };
  'import.berichtenPreview': { args: { bestandIds: string[]; periode: string }; result: BerichtenPreview };
  'import.berichtenRun': { args: { jobId: string; bestandIds: string[]; periode: string }; result: ImportResult };
  /** The exports in the store per period, to check and undo an import. */
  'import.files': { args: void; result: ImportedFile[] };
  /** Removes one import (records and findings) in one transaction, with an audit entry; the remaining list. */
  'import.remove': { args: { id: number }; result: ImportedFile[] };
  'quality.report': { args: { periode: string }; result: { regels: QualityLine[]; samenvatting: Record<string, number> } };
  /** One page of the rows behind a line of the report; `sort` first column first, ties in the export's own order. */
  'quality.findings': {
    args: { periode: string; gegeven: string; controle: string; offset: number; limit: number; sort?: { kolom: FindingSortColumn; richting: 'asc' | 'desc' }[] };
    result: FindingsPage;
  };
  'quality.export': { args: { periode: string }; result: SaveResult };
  /** When the findings of the period's current imports were acknowledged; null: not (yet). */
  'quality.acknowledgement': { args: { periode: string }; result: string | null };
  'quality.acknowledge': { args: { periode: string }; result: string };
  'products.table': { args: void; result: ProductTable };
  'products.save': { args: { product: Product }; result: ProductTable };
  'products.import': { args: void; result: ProductImportResult };
  'products.export': { args: void; result: SaveResult };
  'delivery.preflight': { args: { periode: string }; result: PreflightItem[] };
  'delivery.write': { args: { periode: string; jobId: string }; result: { saved: true; path: string; rijen: number } | { saved: false } };
  'delivery.preview': { args: { periode: string }; result: DeliveryPreview };
  'delivery.history': { args: void; result: DeliveryRecordSummary[] };
  /** Shows the written delivery in its folder (Verkenner); a Dutch refusal when it is gone. */
  'delivery.showInFolder': { args: { id: number }; result: void };
  'areas.table': { args: void; result: AreaTable };
  'areas.save': { args: { gebied: Area }; result: AreaTable };
  'areas.import': { args: void; result: AreaTable };
  'areas.export': { args: void; result: SaveResult };
  'programmering.table': { args: void; result: ProgrammeringTabel };
  /** Stores a target; `vorige` is its key before the edit (null for a new row), so a key change moves the row. */
  'programmering.save': { args: { regel: ProgrammeringRegel; vorige: ProgrammeringSleutel | null }; result: ProgrammeringTabel };
  'programmering.delete': { args: { sleutel: ProgrammeringSleutel }; result: ProgrammeringTabel };
  'programmering.import': { args: void; result: ProgrammeringImportResult };
  'programmering.export': { args: void; result: SaveResult };
  'lasten.table': { args: void; result: LastenTabel };
  /** Stores a lasten row; `vorige` is its key before the edit (null for a new row), so a key change moves the row. */
  'lasten.save': { args: { regel: LastenRegel; vorige: LastenSleutel | null }; result: LastenTabel };
  'lasten.delete': { args: { sleutel: LastenSleutel }; result: LastenTabel };
  'lasten.import': { args: void; result: LastenImportResult };
  'lasten.export': { args: void; result: SaveResult };
  'overzicht.perioden': { args: void; result: string[] };
  'overzicht.cijfers': { args: { periode: string; vergelijk: string | null }; result: OverzichtCijfers };
  'overzicht.tabel': { args: TabelKeuze; result: OverzichtTabel };
  'overzicht.export': { args: TabelKeuze; result: SaveResult };
  /** A chart as PNG (the renderer draws it; the core only saves the bytes it was given). */
  'overzicht.png': { args: { naam: string; png: string }; result: SaveResult };
  'overzicht.begrippen': { args: void; result: IndicatorDefinition[] };
  'jobs.cancel': { args: { id: string }; result: { cancelled: boolean } };
  // analist-editie: ontvangst
  /** Takes in the deliveries chosen in the open dialog (on the command line: the arguments). */
  'central.import': { args: { jobId: string }; result: CentralImportLine[] };
  'central.status': { args: void; result: CentralStatusRow[] };
  /** Writes the plausibility report (.xlsx) to the file chosen in the save dialog (CLI: --out). */
  'central.feedback': { args: { gemeente: string; periode: string; jobId?: string }; result: CentralFeedbackResult };
  /** Writes the figures CSV of the period to the file chosen in the save dialog (CLI: --out); refuses unless `intern`. */
  'central.export': { args: { periode: string; intern: boolean; jobId?: string }; result: CentralExportResult };
  /** Records the gemeente's akkoord voor publicatie for its current version of the period. */
  'central.approve': { args: { gemeente: string; periode: string; door: string }; result: CentralApproval };
  // analist-editie: referentiegegevens
  /** CBS Kerncijfers, CBS postcode file, aggregated sources, GeoJSON of wijken, chosen in the open dialog; `jaar` when the file does not say. */
  'central.reference': { args: { jaar?: number; jobId?: string }; result: ReferenceFileResult[] };
  /** Without `jaar`: the latest postcode file that has addresses in the gemeente. */
  'central.areas': { args: { gemeente: string; jaar?: number }; result: CentralAreaTable };
  'central.areasExport': { args: { gemeente: string; jaar?: number }; result: SaveResult };
  /** Reference groups over all wijken of a CBS year (default the latest), written to the file chosen in the save dialog (CLI: --out). */
  'central.groups': { args: { jaar?: number; groepen?: number }; result: CentralGroupsResult };
  /** Clients moving between pijlers, voorzieningen or leefdomeinen from one period to a later one (CLI: --out); refuses unless `intern`. */
  /** Clients, costs and per-inhabitant figures of a period against an ijkperiode of the same length (CLI: --out); refuses unless `intern`. */
  'central.trends': { args: { ijk: string; periode: string; intern: boolean }; result: CentralTrendsResult };
  'central.flows': { args: { van: string; naar: string; dimensie: 'pijler' | 'voorziening' | 'leefdomein'; intern: boolean }; result: CentralFlowsResult };
  // analist-editie: benchmark- en kaartschermen
  /** The benchmark figures of a period for one split (see CentralBenchmark); `gemeente` adds its table. */
  'central.benchmark': { args: { periode: string; intern: boolean; dimensie: string; gemeente?: string; jobId?: string }; result: CentralBenchmark };
  /** That table as an Excel workbook (file name and first line say `intern` when it is). */
  'central.benchmarkExport': { args: { periode: string; intern: boolean; dimensie: string; gemeente: string }; result: SaveResult };
  /** Computes the reference groups of a CBS year and keeps them for the benchmark (as central.groups does, without a file). */
  'central.groupsView': { args: { jaar?: number; groepen?: number; jobId?: string }; result: CentralGroupsView };
  /** The trend rows for the screen; refuses unless `intern` (there is no disclosure control for trends yet). */
  'central.trendView': { args: { ijk: string; periode: string; intern: boolean; jobId?: string }; result: CentralTrendView };
  /** The waterbed flow rows for the screen; refuses unless `intern`. */
  'central.flowView': { args: { van: string; naar: string; dimensie: 'pijler' | 'voorziening' | 'leefdomein'; intern: boolean; jobId?: string }; result: CentralFlowView };
  /** The imported wijk shapes (central.reference, GeoJSON). */
  'central.map': { args: { jaar?: number }; result: WijkKaart };
  // gemeente-editie: wijkkaart
  /** Reads a GeoJSON of wijken chosen in the open dialog into the gemeente's store (replacing the previous map); null when cancelled. */
  'areas.mapImport': { args: { jaar?: number }; result: WijkKaart | null };
  'areas.map': { args: void; result: WijkKaart };
  // analist-editie: schermen
  /** Takes in zips dropped on the window, by the ids `import.dropFiles` gave for them. */
  'central.importDropped': { args: { jobId: string; bestandIds: string[] }; result: CentralImportLine[] };
  /** The plausibility findings of a gemeente's current delivery of the period, to read on screen. */
  'central.feedbackFindings': { args: { gemeente: string; periode: string; jobId?: string }; result: CentralFinding[] };
  /** The analyst edition's own log (intake, refusals, akkoord, reference data), newest first. */
  'central.auditLog': { args: { limit: number }; result: AuditEntry[] };
  'central.auditExport': { args: void; result: SaveResult };
  /** Every received file as central.status lists it, to the .xlsx or .csv chosen in the save dialog. */
  'central.statusExport': { args: void; result: SaveResult };
  'central.referenceOverview': { args: void; result: ReferenceOverview };
  'central.thresholds': { args: void; result: CentralThreshold[] };
  /** Sets one threshold (`waarde` null: its default again), with an audit entry; every threshold after it (CLI: central instellingen). */
  'central.setThreshold': { args: { code: string; waarde: number | null }; result: CentralThreshold[] };
  /** A table of an analyst screen as it is shown, to the .xlsx chosen in the save dialog, marked by `weergave`. */
  'central.tableExport': { args: { naam: string; weergave: TableExportView; tabel: OverzichtTabel }; result: SaveResult };
  // analist-editie: pakketten
  /** Per gemeente (default: every approved one) the xlsx, pdf, benchmark zip and dataset of the period, into the folder chosen in the save dialog (CLI: --out). */
  'central.pack': { args: { periode: string; gemeenten?: string[]; status?: PackStatus; toelichting?: string; ijkperiode?: string | null; jobId?: string }; result: CentralPackResult };
  /** The release's ijkperiode choice and the periods it can be (CLI: central pack --ijkperiode). */
  'central.packRelease': { args: { periode: string }; result: CentralPackRelease };
  /** Stores the release's ijkperiode choice: null the default, `geen`, or an earlier period of the same length. */
  'central.setPackIjkperiode': { args: { periode: string; ijkperiode: string | null }; result: CentralPackRelease };
  /** The gemeenten a pack of the period can be made for, with their stored status and toelichting. */
  'central.packSettings': { args: { periode: string }; result: CentralPackSetting[] };
  /** Stores one gemeente's status and toelichting for the period (CLI: central pack --status, --toelichting). */
  'central.setPackSetting': { args: { gemeente: string; periode: string; status: PackStatus; toelichting: string }; result: CentralPackSetting };
  /** Shows the gemeente's last written pack (this session's central.pack) in the file manager; the page never handles its path. */
  'central.packShowInFolder': { args: { gemeente: string }; result: void };
  // gemeente-editie: benchmark
  /** Verifies and stores the benchmark file chosen in the open dialog (CLI: the argument). */
  'benchmark.import': { args: void; result: BenchmarkImportResult };
  /** The imported central releases, and for the chosen one (default: the latest) each wijk beside its reference group, the gemeente and all. */
  'benchmark.view': { args: { periode?: string }; result: BenchmarkView };
}

export type CallName = keyof ApiCalls;
export type ArgsOf<K extends CallName> = ApiCalls[K]['args'];
export type ResultOf<K extends CallName> = ApiCalls[K]['result'];

/**
 * Calls whose argument on the page differs from what reaches the core: the bridge hands this to
 * its host first and sends the core what the host answers.
 */
export interface PageArgs {
  /** The dropped files go to the host (Electron's preload and main, or the harness), not to the core. */
  'import.dropFiles': { files: readonly DroppedFile[] };
}
export type PageArgsOf<K extends CallName> = K extends keyof PageArgs ? PageArgs[K] : ArgsOf<K>;

/**
 * Progress of a long job, pushed from the core to the renderer. A long call takes a `jobId` of
 * the caller's choosing among its arguments; progress events carry it and `jobs.cancel` takes it as `id`.
 */
export interface ProgressEvent {
  jobId: string;
  phase: string;
  done: number;
  /** Unknown while a file is still being measured. */
  total: number | null;
}

/** A failure as it crosses the boundary: a Dutch message fit to show the user. */
export interface ApiError {
  code: string;
  message: string;
  /** Where in an input file the problem is, when it is about a file. */
  location?: { file?: string; row?: number; column?: string };
}

export type ApiResponse<T> = { ok: true; result: T } | { ok: false; error: ApiError };

type Namespace<K> = K extends `${infer NS}.${string}` ? NS : never;
type MethodName<K, NS extends string> = K extends `${NS}.${infer M}` ? M : never;
export type Method<K extends CallName, R> = PageArgsOf<K> extends void ? () => Promise<R> : (args: PageArgsOf<K>) => Promise<R>;

type Grouped<Wrap extends 'envelope' | 'plain'> = {
  [NS in Namespace<CallName>]: {
    [K in CallName as MethodName<K, NS>]: Method<K, Wrap extends 'envelope' ? ApiResponse<ResultOf<K>> : ResultOf<K>>;
  };
} & {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};

/**
 * `window.wijkmonitor` as the preload exposes it: one method per call, grouped by domain
 * (`settings.get()`), answering with an envelope, because Electron's context bridge drops
 * everything but the message of a thrown error.
 */
export type WijkmonitorBridge = Grouped<'envelope'>;

/** What the renderer's code uses: the same methods, resolving to the result or throwing. */
export type WijkmonitorApi = Grouped<'plain'>;
