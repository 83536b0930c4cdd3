import type { DuckDBConnection } from '@duckdb/node-api';
import type { ReferenceOverview, ReferenceSoort } from '../../../shared/api.ts';
import type { CentralStore } from '../store/centralStore.ts';
import { sqlText } from '../store/duckdb.ts';

const WIJK_CODE = /^WK\d{6}$/;
const number = new Intl.NumberFormat('nl-NL');

type Deelnemer = ReferenceOverview['deelnemers'][number];

/**
 * The wijken the participating gemeenten deliver figures for: the distinct wijk codes in the
 * records of their current deliveries (any period). Records of an unknown postcode carry no wijk
 * code and are not a wijk to cover.
 */
export async function participatingWijken(store: CentralStore, connection: DuckDBConnection): Promise<Deelnemer[]> {
  const rows = store.db
    .prepare(
      `SELECT l.gemeente, g.naam, l.parquet FROM levering l JOIN gemeente g ON g.code = l.gemeente
       WHERE l.status = 'actueel' ORDER BY l.gemeente, l.periode_begin`,
    )
    .all() as { gemeente: string; naam: string; parquet: string }[];
  const byGemeente = new Map<string, { naam: string; files: string[] }>();
  for (const row of rows) {
    const own = byGemeente.get(row.gemeente) ?? { naam: row.naam, files: [] };
    own.files.push(store.resolve(row.parquet));
    byGemeente.set(row.gemeente, own);
  }
  const result: Deelnemer[] = [];
  for (const [gemeente, { naam, files }] of byGemeente) {
    const reader = await connection.runAndReadAll(`SELECT DISTINCT wijk FROM read_parquet([${files.map(sqlText).join(', ')}]) WHERE wijk IS NOT NULL ORDER BY wijk`);
    const wijken = reader.getRowObjects().map((r) => String(r.wijk)).filter((w) => WIJK_CODE.test(w));
    result.push({ gemeente, gemeentenaam: naam, wijken });
  }
  return result;
}

/**
 * What the Referentiedata screen shows: each source year loaded, per CBS Kerncijfers year which
 * participating wijken have an inhabitant count (the denominator of every per-1,000 figure and of
 * the reference groups), per map year which have a shape, per postcode year which gemeenten have
 * addresses; and what is missing as sentences that say what to do.
 */
export function referenceOverview(store: CentralStore, deelnemers: readonly Deelnemer[]): ReferenceOverview {
  const db = store.db;
  const participating = new Set(deelnemers.map((d) => d.gemeente));
  const provides = db.prepare('SELECT DISTINCT gemeente FROM cbs_regio WHERE import_id = ? AND gemeente IS NOT NULL ORDER BY gemeente').pluck();
  const bronnen: ReferenceOverview['bronnen'] = (
    db.prepare('SELECT id, soort, jaar, bron, periode, bestand, rijen, ingelezen FROM referentie_import ORDER BY soort, jaar DESC, bron, periode, id').all() as (Omit<ReferenceOverview['bronnen'][number], 'gemeenten' | 'deelnemers'> & { id: number })[]
  ).map(({ id, ...b }) => {
    // Which file each gemeente's Kerncijfers came from: several files of one year combine by gemeente.
    const gemeenten = b.soort === 'cbs_kwb' ? (provides.all(id) as string[]) : null;
    return { ...b, soort: b.soort as ReferenceSoort, gemeenten: gemeenten?.length ?? null, deelnemers: (gemeenten ?? []).filter((g) => participating.has(g)) };
  });
  // CBS 03759ned has a registry of its own (catalogue migration 8); listed beside the others.
  const bevolkingGemeenten = db.prepare('SELECT DISTINCT gemeente FROM cbs_bevolking WHERE import_id = ? ORDER BY gemeente').pluck();
  for (const b of db.prepare('SELECT id, jaar, bestand, rijen, ingelezen FROM cbs_bevolking_import ORDER BY jaar DESC, id').all() as { id: number; jaar: number; bestand: string; rijen: number; ingelezen: string }[]) {
    const gemeenten = bevolkingGemeenten.all(b.id) as string[];
    bronnen.push({ soort: 'cbs_bevolking', jaar: b.jaar, bron: '', periode: '', bestand: b.bestand, rijen: b.rijen, ingelezen: b.ingelezen, gemeenten: gemeenten.length, deelnemers: gemeenten.filter((g) => participating.has(g)) });
  }
  const yearsOf = (soort: ReferenceSoort) => [...new Set(bronnen.filter((b) => b.soort === soort && b.jaar !== null).map((b) => b.jaar!))].sort((a, b) => b - a);

  const inhabitants = db.prepare("SELECT 1 FROM cbs_kenmerk WHERE jaar = ? AND code = ? AND kenmerk = 'inwoners'");
  const shape = db.prepare('SELECT 1 FROM geo_gebied WHERE jaar = ? AND code = ?');
  const covered = (soort: 'cbs_kwb' | 'geojson', jaar: number, wijk: string) => (soort === 'cbs_kwb' ? inhabitants : shape).get(jaar, wijk) !== undefined;
  const all = deelnemers.flatMap((d) => d.wijken.map((wijk) => ({ gemeente: d.gemeente, wijk })));
  const dekking: ReferenceOverview['dekking'] = [];
  for (const soort of ['cbs_kwb', 'geojson'] as const) {
    for (const jaar of yearsOf(soort)) {
      const ontbrekend = all.filter((w) => !covered(soort, jaar, w.wijk));
      dekking.push({ soort, jaar, bron: null, periode: null, wijken: all.length, gedekt: all.length - ontbrekend.length, ontbrekend });
    }
  }
  // An aggregated source may be published per gemeente only: its gaps are shown, not listed as something to fix.
  const sources = db.prepare('SELECT DISTINCT bron, periode FROM bron_cijfer ORDER BY bron, periode DESC').all() as { bron: string; periode: string }[];
  const figure = db.prepare('SELECT 1 FROM bron_cijfer WHERE bron = ? AND periode = ? AND gebied = ? LIMIT 1');
  for (const { bron, periode } of sources) {
    const ontbrekend = all.filter((w) => figure.get(bron, periode, w.wijk) === undefined);
    dekking.push({ soort: 'bron', jaar: Number(periode.slice(0, 4)), bron, periode, wijken: all.length, gedekt: all.length - ontbrekend.length, ontbrekend });
  }
  const addresses = db.prepare('SELECT 1 FROM cbs_pc6 WHERE jaar = ? AND gemeente = ? LIMIT 1');
  const postcodes = yearsOf('cbs_pc6').map((jaar) => ({
    jaar,
    gemeenten: deelnemers.length,
    zonder: deelnemers.filter((d) => addresses.get(jaar, d.gemeente) === undefined).map((d) => d.gemeente),
  }));
  return { bronnen, deelnemers: [...deelnemers], dekking, postcodes, acties: actions(deelnemers, dekking, postcodes) };
}

const SOURCE_NAME = { cbs_kwb: 'CBS Kerncijfers wijken en buurten', geojson: 'de wijkkaart (GeoJSON)' } as const;
const WHAT_MISSING = { cbs_kwb: 'geen inwonertal', geojson: 'geen vorm op de kaart' } as const;
const WHAT_TO_DO = {
  cbs_kwb:
    'Controleer of de gemeente de CBS-wijkcodes van dat jaar gebruikt (een nieuwe wijkindeling geeft nieuwe codes) en vraag zo nodig een nieuwe gebiedstabel te leveren, of lees de Kerncijfers in van het jaar van haar wijkindeling.',
  geojson: 'Lees een wijkkaart in die deze wijken bevat (CBS wijk- en buurtkaart van hetzelfde jaar).',
} as const;

/** One sentence per gemeente and source year that misses something, the latest year first. */
function actions(deelnemers: readonly Deelnemer[], dekking: ReferenceOverview['dekking'], postcodes: ReferenceOverview['postcodes']): ReferenceOverview['acties'] {
  const acties: ReferenceOverview['acties'] = [];
  if (deelnemers.length === 0) acties.push({ gemeente: null, tekst: 'Er zijn nog geen leveringen ontvangen: welke wijken gedekt moeten zijn, volgt uit de leveringen (scherm Leveringen).' });
  for (const soort of ['cbs_kwb', 'geojson'] as const) {
    if (!dekking.some((d) => d.soort === soort)) {
      acties.push({
        gemeente: null,
        tekst:
          soort === 'cbs_kwb'
            ? 'Er zijn nog geen CBS Kerncijfers wijken en buurten ingelezen: zonder inwonertallen zijn er geen cijfers per 1.000 inwoners en geen referentiegroepen. Lees het bestand van CBS in (tabel Kerncijfers wijken en buurten).'
            : 'Er is nog geen wijkkaart (GeoJSON) ingelezen: de kaarten per wijk blijven leeg.',
      });
    }
  }
  for (const d of dekking) {
    if (d.soort === 'bron') continue;
    for (const deelnemer of deelnemers) {
      const missing = d.ontbrekend.filter((w) => w.gemeente === deelnemer.gemeente).map((w) => w.wijk);
      if (missing.length === 0) continue;
      const which = missing.length === deelnemer.wijken.length ? `alle ${number.format(missing.length)} wijken` : `${number.format(missing.length)} van de ${number.format(deelnemer.wijken.length)} wijken`;
      acties.push({
        gemeente: deelnemer.gemeente,
        tekst: `${deelnemer.gemeente} ${deelnemer.gemeentenaam}: ${which} hebben ${WHAT_MISSING[d.soort]} in ${SOURCE_NAME[d.soort]} ${d.jaar} (${missing.join(', ')}). ${WHAT_TO_DO[d.soort]}`,
      });
    }
  }
  for (const p of postcodes) {
    for (const gemeente of p.zonder) {
      const naam = deelnemers.find((d) => d.gemeente === gemeente)?.gemeentenaam ?? '';
      acties.push({ gemeente, tekst: `${gemeente} ${naam}: geen adressen in het CBS-postcodebestand ${p.jaar}, dus geen gebiedstabel per postcode voor deze gemeente. Lees een postcodebestand in dat de gemeente bevat.` });
    }
  }
  return acties;
}
