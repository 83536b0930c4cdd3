import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { ReferenceFileResult } from '../../../shared/api.ts';
import { recordAction } from '../../audit/auditLog.ts';
import { toApiError } from '../../errors.ts';
import { fileAccessError } from '../../import/readers/readerErrors.ts';
import { normaliseLabel } from '../../classification/normaliseLabel.ts';
import type { Db } from '../../store/database.ts';
import { readAggregatedSources } from './aggregatedSources.ts';
import { readCbsBevolking } from './cbsBevolking.ts';
import { readCbsKwb } from './cbsKwb.ts';
import { readCbsPc6 } from './cbsPc6.ts';
import { detectReferenceKind } from './detectReferenceKind.ts';
import { replaceReferenceImport, type ReferenceImportMeta, type ReferenceKey, type Replaced } from './referenceImportRow.ts';
import { kwbCoverage, replaceKwbRegions, type KwbReplacement } from './replaceKwbRegions.ts';
import { loadReferenceResources, type ReferenceResources } from './referenceResources.ts';
import { storeSourceDataSet } from './storeAggregatedSources.ts';
import { replaceBevolkingGemeenten, storeCbsBevolking, type BevolkingReplacement } from './storeCbsBevolking.ts';
import { storeCbsKwb } from './storeCbsKwb.ts';
import { loadAgeStrata, marginBands } from '../../benchmark/ageStrata.ts';
import { storeCbsPc6 } from './storeCbsPc6.ts';
import { storeWijkGeoJson } from './storeWijkGeoJson.ts';
import { readWijkGeoJson } from './wijkGeoJson.ts';

export type ReferenceImportOptions = {
  /** The year for files that do not say it themselves (`--jaar`). */
  jaar?: number;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
  resources?: ReferenceResources;
  now?: () => Date;
};

/** What registering a data set replaced: sentences for the result and fields for the audit log. */
type Registered = { id: number; vervangen: boolean; meldingen: string[]; audit: Record<string, unknown> };

/**
 * One data set to store, read and checked in full before the transaction starts. `register`
 * makes its import row and removes what it replaces; by default the whole data set of its key.
 */
type Plan = { key: ReferenceKey; rijen: number; write(importId: number): void; register?: (meta: ReferenceImportMeta) => Registered };

type Prepared = {
  soort: ReferenceFileResult['soort'];
  jaar: number | null;
  plans: Plan[];
  aantallen: Record<string, number>;
  meldingen: string[];
};

/**
 * Imports reference files one by one. Each file is read and validated in full first, then
 * stored in one transaction that also removes the data set it replaces: a bad row anywhere
 * leaves the catalogue as it was. A refused file does not stop the others; a cancel does.
 */
export async function importReferenceFiles(db: Db, files: readonly string[], options: ReferenceImportOptions = {}): Promise<ReferenceFileResult[]> {
  const resources = options.resources ?? loadReferenceResources();
  const results: ReferenceFileResult[] = [];
  for (const [i, file] of files.entries()) {
    options.signal?.throwIfAborted();
    const bestand = path.basename(file);
    const phase = `${bestand} (${i + 1} van ${files.length})`;
    try {
      const prepared = await prepare(db, file, resources, { ...options, onBytes: (done, total) => options.onProgress?.({ phase, done, total }) });
      options.signal?.throwIfAborted();
      const sha256 = await fileSha256(file, options.signal);
      const ingelezen = (options.now?.() ?? new Date()).toISOString();
      const registered = db.transaction(() =>
        prepared.plans.map((plan) => {
          const meta = { ...plan.key, bestand, sha256, rijen: plan.rijen, ingelezen };
          const done = (plan.register ?? ((m) => replaceWhole(db, m)))(meta);
          plan.write(done.id);
          recordAction(db, 'referentie.ingelezen', { bestand, sha256, ...plan.key, rijen: plan.rijen, ...done.audit }, new Date(ingelezen));
          return done;
        }),
      )();
      results.push({
        bestand,
        status: registered.some((r) => r.vervangen) ? 'vervangen' : 'nieuw',
        soort: prepared.soort,
        jaar: prepared.jaar,
        aantallen: prepared.aantallen,
        meldingen: [...prepared.meldingen, ...registered.flatMap((r) => r.meldingen)],
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      results.push({ bestand, status: 'geweigerd', soort: null, jaar: null, aantallen: {}, meldingen: [toApiError(error).message] });
    }
  }
  return results;
}

function replaceWhole(db: Db, meta: ReferenceImportMeta): Registered {
  const { id, vervangt } = replaceReferenceImport(db, meta);
  return { id, vervangen: vervangt !== null, meldingen: replacedSentence(meta, vervangt), audit: { vervangt: vervangt?.bestand ?? null } };
}

const LISTED = 5;

/** `GM0363, GM0392 en 340 andere`: short enough for a result line when a national file is involved. */
function gemeenteList(codes: readonly string[]): string {
  if (codes.length <= LISTED) return codes.join(', ');
  return `${codes.slice(0, LISTED).join(', ')} en ${codes.length - LISTED} andere`;
}

function gemeentenCount(n: number): string {
  return `${n} ${n === 1 ? 'gemeente' : 'gemeenten'}`;
}

/** The Dutch sentences and audit fields of a Kerncijfers file that replaced and added gemeenten of its year. */
function kwbRegistered(r: KwbReplacement, jaar: number): Registered {
  const meldingen = r.vervangt.map((v) => {
    const what = [v.gemeenten.length > 0 ? `de cijfers van ${gemeentenCount(v.gemeenten.length)} (${gemeenteList(v.gemeenten)})` : '', v.land ? 'de cijfers van Nederland' : '']
      .filter((s) => s !== '')
      .join(' en ');
    const gone = v.verwijderd ? `; daar blijft niets van over` : '; de andere gemeenten uit dat bestand blijven';
    return `Vervangt ${what} uit ${v.bestand} (ingelezen ${v.ingelezen.slice(0, 10)})${gone}.`;
  });
  // The first file of a year adds everything it has; saying so would only repeat its counts.
  if (r.eerder && r.toegevoegd.length > 0) meldingen.push(`Voegt ${gemeentenCount(r.toegevoegd.length)} toe aan ${jaar} (${gemeenteList(r.toegevoegd)}).`);
  return {
    id: r.id,
    vervangen: r.vervangt.length > 0,
    meldingen,
    audit: {
      vervangt: r.vervangt.map((v) => ({ bestand: v.bestand, gemeenten: v.gemeenten, land: v.land, verwijderd: v.verwijderd })),
      toegevoegd: r.toegevoegd,
    },
  };
}

/** The sentences and audit fields of one year of a 03759ned file, worded like the Kerncijfers'. */
function bevolkingRegistered(r: BevolkingReplacement, jaar: number): Registered {
  const meldingen = r.vervangt.map(
    (v) => `Vervangt de bevolking naar geslacht en leeftijd ${jaar} van ${gemeentenCount(v.gemeenten.length)} (${gemeenteList(v.gemeenten)}) uit ${v.bestand} (ingelezen ${v.ingelezen.slice(0, 10)})${v.verwijderd ? '; daar blijft niets van over' : '; de andere gemeenten uit dat bestand blijven'}.`,
  );
  if (r.eerder && r.toegevoegd.length > 0) meldingen.push(`Voegt ${gemeentenCount(r.toegevoegd.length)} toe aan ${jaar} (${gemeenteList(r.toegevoegd)}).`);
  return {
    id: r.id,
    vervangen: r.vervangt.length > 0,
    meldingen,
    audit: { tabel: '03759ned', vervangt: r.vervangt.map((v) => ({ bestand: v.bestand, gemeenten: v.gemeenten, verwijderd: v.verwijderd })), toegevoegd: r.toegevoegd },
  };
}

/** Per year the gemeente names of the loaded Kerncijfers (normalised), for a StatLine export that names gemeenten instead of coding them. */
function gemeenteNamen(db: Db): Map<number, Map<string, string>> {
  const byYear = new Map<number, Map<string, string>>();
  const rows = db.prepare("SELECT jaar, code, naam FROM cbs_regio WHERE soort = 'gemeente' AND naam IS NOT NULL ORDER BY jaar, code").all() as { jaar: number; code: string; naam: string }[];
  for (const r of rows) {
    const names = byYear.get(r.jaar) ?? new Map<string, string>();
    names.set(normaliseLabel(r.naam), r.code);
    byYear.set(r.jaar, names);
  }
  return byYear;
}

function replacedSentence(key: ReferenceKey, vervangt: Replaced): string[] {
  if (vervangt === null) return [];
  const what = [key.bron, key.periode || (key.jaar === null ? '' : String(key.jaar))].filter((s) => s !== '').join(' ');
  return [`Vervangt ${what} uit ${vervangt.bestand} (ingelezen ${vervangt.ingelezen.slice(0, 10)}).`];
}

async function prepare(
  db: Db,
  file: string,
  resources: ReferenceResources,
  options: ReferenceImportOptions & { onBytes: (done: number, total: number) => void },
): Promise<Prepared> {
  const soort = await detectReferenceKind(file, resources);
  const read = { jaar: options.jaar, signal: options.signal, onBytes: options.onBytes };
  if (soort === 'cbs_kwb') {
    const kwb = await readCbsKwb(file, resources, read);
    const count = (s: string) => kwb.regions.filter((r) => r.soort === s).length;
    const meldingen = [
      `CBS Kerncijfers wijken en buurten ${kwb.jaar.jaar} (${kwb.jaar.uit}), ${kwb.layout === 'typeddataset' ? 'typed dataset' : 'StatLine-tabelexport'}.`,
    ];
    if (kwb.ontbrekendeKenmerken.length > 0) meldingen.push(`Niet in dit bestand: ${kwb.ontbrekendeKenmerken.join(', ')}.`);
    if (kwb.ontbrekendeWaarden > 0) meldingen.push(`${kwb.ontbrekendeWaarden} waarden ontbreken (leeg of "."): die zijn niet als 0 opgeslagen.`);
    return {
      soort,
      jaar: kwb.jaar.jaar,
      plans: [
        {
          key: { soort, jaar: kwb.jaar.jaar, bron: '', periode: '' },
          rijen: kwb.rijen,
          write: (id) => storeCbsKwb(db, id, kwb),
          register: (meta) => kwbRegistered(replaceKwbRegions(db, { ...meta, jaar: kwb.jaar.jaar }, kwbCoverage(kwb)), kwb.jaar.jaar),
        },
      ],
      aantallen: { "regio's": kwb.regions.length, gemeenten: count('gemeente'), wijken: count('wijk'), buurten: count('buurt'), kenmerken: kwb.kenmerken.length, waarden: kwb.values.length, ontbrekend: kwb.ontbrekendeWaarden },
      meldingen,
    };
  }
  if (soort === 'cbs_bevolking') {
    const file03759 = await readCbsBevolking(file, { ...read, gemeenteNamen: gemeenteNamen(db), marginBands: marginBands(loadAgeStrata()) });
    const meldingen = [
      `CBS-tabel 03759ned, bevolking op 1 januari naar geslacht en leeftijd, ${file03759.layout === 'typeddataset' ? 'typed dataset' : 'StatLine-export'}: ` +
        `${file03759.dataSets.map((s) => `${s.jaar} (${gemeentenCount(s.gemeenten.length)})`).join(', ')}; leeftijden ${file03759.leeftijden}.`,
      'De standaardisatie gebruikt per gemeente deze tabel als start van de schatting van leeftijd × geslacht per wijk.',
    ];
    if (file03759.overgeslagen.gemeentelijk.length > 0) {
      meldingen.push(`Overgeslagen, geen gemeente uit de ingelezen Kerncijfers: ${file03759.overgeslagen.gemeentelijk.slice(0, LISTED).join(', ')}${file03759.overgeslagen.gemeentelijk.length > LISTED ? ` en ${file03759.overgeslagen.gemeentelijk.length - LISTED} andere` : ''}.`);
    }
    if (file03759.ongebruikteLeeftijden.length > 0) {
      meldingen.push(`Niet gebruikt (geen leeftijd of leeftijdscode die Wijkmonitor kent, niet nodig naast de fijnste groepen): ${file03759.ongebruikteLeeftijden.slice(0, LISTED).join(', ')}${file03759.ongebruikteLeeftijden.length > LISTED ? ` en ${file03759.ongebruikteLeeftijden.length - LISTED} andere` : ''}.`);
    }
    const years = file03759.dataSets.map((s) => s.jaar);
    return {
      soort,
      jaar: years.length === 1 ? years[0]! : null,
      plans: file03759.dataSets.map((set) => ({
        key: { soort, jaar: set.jaar, bron: '', periode: '' },
        rijen: set.cells.length,
        write: (id: number) => storeCbsBevolking(db, id, set),
        register: (meta: ReferenceImportMeta) => bevolkingRegistered(replaceBevolkingGemeenten(db, { ...meta, jaar: set.jaar }, set.gemeenten), set.jaar),
      })),
      aantallen: {
        gemeenten: new Set(file03759.dataSets.flatMap((s) => s.gemeenten)).size,
        cellen: file03759.dataSets.reduce((n, s) => n + s.cells.length, 0),
        overgeslagen: file03759.overgeslagen.gemeentelijk.length + file03759.overgeslagen.overig,
      },
      meldingen,
    };
  }
  if (soort === 'cbs_pc6') {
    const pc6 = await readCbsPc6(file, resources, read);
    const distinct = (pick: (p: (typeof pc6.parts)[number]) => string) => new Set(pc6.parts.map(pick)).size;
    return {
      soort,
      jaar: pc6.jaar.jaar,
      plans: [{ key: { soort, jaar: pc6.jaar.jaar, bron: '', periode: '' }, rijen: pc6.rijen, write: (id) => storeCbsPc6(db, id, pc6) }],
      aantallen: { adressen: pc6.rijen, postcodes: distinct((p) => p.pc6), buurten: distinct((p) => p.buurt), wijken: distinct((p) => p.wijk), gemeenten: distinct((p) => p.gemeente) },
      meldingen: [`CBS-postcodebestand ${pc6.jaar.jaar} (${pc6.jaar.uit}).`],
    };
  }
  if (soort === 'bron') {
    const sources = await readAggregatedSources(file, resources);
    const years = new Set(sources.dataSets.map((s) => s.jaar));
    const meldingen = [`Geaggregeerde cijfers: ${sources.dataSets.map((s) => `${s.bron} ${s.periode} (${s.figures.length})`).join(', ')}.`];
    if (sources.ontbrekendeWaarden > 0) meldingen.push(`${sources.ontbrekendeWaarden} waarden ontbreken (leeg of "."): die zijn niet opgeslagen.`);
    return {
      soort,
      jaar: years.size === 1 ? [...years][0]! : null,
      plans: sources.dataSets.map((set) => ({
        key: { soort, jaar: set.jaar, bron: set.bron, periode: set.periode },
        rijen: set.figures.length,
        write: (id: number) => storeSourceDataSet(db, id, set),
      })),
      aantallen: {
        cijfers: sources.dataSets.reduce((n, s) => n + s.figures.length, 0),
        bronnen: new Set(sources.dataSets.map((s) => s.bron)).size,
        perioden: new Set(sources.dataSets.map((s) => s.periode)).size,
        ontbrekend: sources.ontbrekendeWaarden,
      },
      meldingen,
    };
  }
  const map = await readWijkGeoJson(file, resources, { jaar: options.jaar });
  const count = (prefix: string) => map.areas.filter((a) => a.code.startsWith(prefix)).length;
  return {
    soort,
    jaar: map.jaar.jaar,
    plans: [{ key: { soort, jaar: map.jaar.jaar, bron: '', periode: '' }, rijen: map.rijen, write: (id) => storeWijkGeoJson(db, id, map) }],
    aantallen: { gebieden: map.areas.length, gemeenten: count('GM'), wijken: count('WK'), buurten: count('BU') },
    meldingen: [`Kaart ${map.jaar.jaar} (${map.jaar.uit}), ${map.crs === 'rd' ? 'RD New, omgezet naar WGS84' : 'WGS84'} (${map.crsUit}).`],
  };
}

async function fileSha256(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw fileAccessError(file, error);
  }
  return hash.digest('hex');
}
