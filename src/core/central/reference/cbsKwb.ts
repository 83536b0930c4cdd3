import path from 'node:path';
import { UserError } from '../../errors.ts';
import { normaliseLabel } from '../../classification/normaliseLabel.ts';
import { detectSettings, readRows } from '../../import/readers/index.ts';
import { parseCbsNumber } from './cbsNumber.ts';
import { problemList } from './problemList.ts';
import type { CbsColumn, ReferenceResources } from './referenceResources.ts';
import { settleYear, yearFromFileName, type FoundYear } from './referenceYear.ts';
import { gemeenteOf, regionCode, regionKind, type RegionKind } from './regionCode.ts';

/**
 * CBS Kerncijfers wijken en buurten, in either layout CBS hands out:
 *  - the OData typed dataset (`WijkenEnBuurten`, `AantalInwoners_5`): keys carry a numeric suffix
 *    that changes every year, so a column is found by its key without the suffix;
 *  - the StatLine table export (`Bevolking/Aantal inwoners (aantal)`): a column is found by the
 *    last part of its label, without the unit.
 * Never by position. Which kenmerken are read, and under which names, is resources/cbs-kenmerken.csv.
 */
export type KwbLayout = 'typeddataset' | 'statline';

export type KwbRegion = { code: string; soort: RegionKind; naam: string | null; gemeente: string | null };

export type KwbFile = {
  layout: KwbLayout;
  jaar: FoundYear;
  regions: KwbRegion[];
  /** One entry per region and kenmerk that has a value; a missing value has none. */
  values: { code: string; kenmerk: string; waarde: number }[];
  /** Kenmerken of resources/cbs-kenmerken.csv that this file has a column for. */
  kenmerken: string[];
  /** … and those it has not: CBS left them out or the user did not select them. */
  ontbrekendeKenmerken: string[];
  /** Cells of a found kenmerk that CBS left empty or filled with `.`. */
  ontbrekendeWaarden: number;
  rijen: number;
};

const SUFFIX = /_\d+$/;
const UNIT = /\s*\([^()]*\)\s*$/;

function typedKey(header: string): string | null {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(header) ? header.replace(SUFFIX, '').toLowerCase() : null;
}

/** `Bevolking/Leeftijdsgroepen/0 tot 15 jaar (aantal)` → its parts without the unit, compared loosely. */
function labelParts(label: string): string[] {
  return label.replace(UNIT, '').split('/').map(normaliseLabel);
}

/**
 * A label matches the end of the header's path: `0 tot 15 jaar` matches the last part only,
 * `Leeftijdsgroepen/0 tot 15 jaar` the last two (for when a last part alone is not unique).
 */
function labelMatches(header: string, label: string): boolean {
  const have = labelParts(header);
  const want = labelParts(label);
  return want.length <= have.length && want.every((part, i) => part === have[have.length - want.length + i]);
}

function matches(layout: KwbLayout, header: string, column: CbsColumn): boolean {
  if (layout === 'typeddataset') {
    const key = typedKey(header);
    return key !== null && column.sleutels.some((s) => s.toLowerCase() === key);
  }
  return column.labels.some((l) => labelMatches(header, l));
}

/** The layout whose region-code column this header has, or null when it is no KWB file. */
export function detectKwbLayout(headers: readonly string[], resources: ReferenceResources): KwbLayout | null {
  const code = resources.regiokolommen.find((c) => c.naam === 'code');
  if (!code) throw new Error('resources/cbs-regiokolommen.csv has no row for code');
  if (headers.some((h) => matches('typeddataset', h, code))) return 'typeddataset';
  if (headers.some((h) => matches('statline', h, code))) return 'statline';
  return null;
}

/**
 * The column index for each of the columns, by name; a kenmerk two columns fit is refused, since
 * picking one would be a guess. For the code, the first key listed that is present wins.
 */
function findColumns(file: string, layout: KwbLayout, headers: readonly string[], columns: readonly CbsColumn[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const column of columns) {
    const names = layout === 'typeddataset' ? column.sleutels : [null];
    for (const name of names) {
      const only = name === null ? column : { ...column, sleutels: [name] };
      const hits = headers.flatMap((h, i) => (matches(layout, h, only) ? [i] : []));
      if (hits.length > 1) {
        const label = path.basename(file);
        throw new UserError(
          'CBS_KOLOM_DUBBELZINNIG',
          `${label}: de kolommen ${hits.map((i) => `"${headers[i]}"`).join(' en ')} passen allebei bij kenmerk ${column.naam}. Verwijder er één of pas resources/cbs-kenmerken.csv aan.`,
          { file: label },
        );
      }
      if (hits.length === 1) {
        found.set(column.naam, hits[0]!);
        break;
      }
    }
  }
  return found;
}

const SOORT: Record<string, RegionKind> = { land: 'land', gemeente: 'gemeente', wijk: 'wijk', buurt: 'buurt' };

export type ReadOptions = { jaar?: number; signal?: AbortSignal; onBytes?: (done: number, total: number) => void };

export async function readCbsKwb(file: string, resources: ReferenceResources, options: ReadOptions = {}): Promise<KwbFile> {
  const label = path.basename(file);
  const { settings } = await detectSettings(file);
  const reader = readRows(file, settings, { signal: options.signal, onBytes: options.onBytes });
  const headers = await reader.headers;
  const layout = detectKwbLayout(headers, resources);
  if (layout === null) {
    await reader.close();
    throw new UserError('CBS_GEEN_KWB', `${label}: geen kolom met de regiocode (WijkenEnBuurten of Codering): dit is geen bestand Kerncijfers wijken en buurten.`, { file: label });
  }
  const jaar = settleYear(file, options.jaar, yearFromFileName(file, resources.tabellen));
  const region = findColumns(file, layout, headers, resources.regiokolommen);
  const kenmerken = findColumns(file, layout, headers, resources.kenmerken);
  const codeAt = region.get('code')!;
  const soortAt = region.get('soort');
  const gemeentenaamAt = region.get('gemeentenaam');
  const naamAt = layout === 'statline' ? region.get('naam') : undefined;
  const present = resources.kenmerken.filter((k) => kenmerken.has(k.naam)).map((k) => ({ kenmerk: k.naam, at: kenmerken.get(k.naam)! }));

  const problems = problemList(file);
  const seen = new Map<string, number>();
  const regions: KwbRegion[] = [];
  const values: KwbFile['values'] = [];
  let missing = 0;
  let rijen = 0;
  for await (const batch of reader.batches) {
    for (const { row, cells } of batch) {
      rijen++;
      const raw = cells[codeAt];
      const code = regionCode(typeof raw === 'string' ? raw : null);
      if (code === null) {
        problems.add(row, headers[codeAt]!, raw === null || raw === undefined ? 'de regiocode ontbreekt' : `"${String(raw).slice(0, 20)}" is geen CBS-regiocode (NL00, GM0363, WK036300, BU03630000)`);
        continue;
      }
      if (seen.has(code)) {
        problems.add(row, headers[codeAt]!, `regio ${code} staat ook in rij ${seen.get(code)}`);
        continue;
      }
      seen.set(code, row);
      const kind = regionKind(code);
      const stated = soortAt === undefined ? undefined : cells[soortAt];
      if (typeof stated === 'string' && SOORT[stated.trim().toLowerCase()] !== kind) {
        problems.add(row, headers[soortAt!]!, `soort regio "${stated.slice(0, 20)}" past niet bij code ${code}`);
      }
      const text = (at: number | undefined) => {
        const cell = at === undefined ? null : cells[at];
        return typeof cell === 'string' && cell !== '' ? cell : null;
      };
      // The typed dataset names only the gemeente; its wijken and buurten stay unnamed.
      const naam = layout === 'statline' ? text(naamAt) : kind === 'gemeente' || kind === 'land' ? text(gemeentenaamAt) : null;
      regions.push({ code, soort: kind, naam, gemeente: gemeenteOf(code) });
      for (const { kenmerk, at } of present) {
        const cell = cells[at];
        const parsed = parseCbsNumber(typeof cell === 'string' ? cell : cell === null || cell === undefined ? null : String(cell));
        if (parsed.kind === 'value') values.push({ code, kenmerk, waarde: parsed.value });
        else if (parsed.kind === 'missing') missing++;
        else problems.add(row, headers[at]!, `"${String(cell).slice(0, 20)}" is geen getal (een ontbrekende waarde is leeg of ".")`);
      }
    }
    // Leaving the loop closes the file.
    if (problems.full) break;
  }
  problems.throwIfAny('CBS_KWB_ONGELDIG');
  if (regions.length === 0) throw new UserError('CBS_KWB_LEEG', `${label}: het bestand bevat geen regio's.`, { file: label });
  return {
    layout,
    jaar,
    regions,
    values,
    kenmerken: present.map((p) => p.kenmerk),
    ontbrekendeKenmerken: resources.kenmerken.filter((k) => !kenmerken.has(k.naam)).map((k) => k.naam),
    ontbrekendeWaarden: missing,
    rijen,
  };
}
