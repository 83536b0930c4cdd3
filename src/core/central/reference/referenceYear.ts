import path from 'node:path';
import { UserError } from '../../errors.ts';

export type FoundYear = { jaar: number; uit: string };
/** `zeker`: CBS itself wrote it (a table id, a `Buurt2024` header, a `jrstatcode`), unlike a file name. */
export type YearHint = FoundYear & { zeker: boolean };

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export function isPlausibleYear(jaar: number): boolean {
  return Number.isInteger(jaar) && jaar >= MIN_YEAR && jaar <= MAX_YEAR;
}

/**
 * The year a CBS file's name gives: the StatLine table id (`…_84583NED_…`, looked up in
 * resources/cbs-tabellen.csv) is certain; `kwb2019`, `pc6hnr20240801` or a lone `2024` in the
 * name is what the user or CBS called it.
 */
export function yearFromFileName(file: string, tabellen: ReadonlyMap<string, number>): YearHint | null {
  const name = path.basename(file);
  const table = /(\d{5}NED)/i.exec(name)?.[1]?.toUpperCase();
  if (table !== undefined && tabellen.has(table)) return { jaar: tabellen.get(table)!, uit: `tabel ${table}`, zeker: true };
  const named = /(?:kwb|pc6hnr)[-_ ]?((?:19|20)\d\d)/i.exec(name) ?? /(?<!\d)((?:19|20)\d\d)(?!\d)/.exec(name);
  if (named) return { jaar: Number(named[1]), uit: 'bestandsnaam', zeker: false };
  return null;
}

/**
 * Settles the year of a reference file: `--jaar` wins over a year in the file name, but not over
 * one CBS wrote itself: that clash is refused rather than guessed.
 */
export function settleYear(file: string, given: number | undefined, found: YearHint | null): FoundYear {
  const label = path.basename(file);
  if (given !== undefined) {
    if (found?.zeker && found.jaar !== given) {
      throw new UserError('JAAR_TEGENSTRIJDIG', `${label}: het bestand hoort bij ${found.jaar} (${found.uit}), maar --jaar zegt ${given}. Laat --jaar weg of kies het goede bestand.`, { file: label });
    }
    return { jaar: given, uit: 'opgegeven' };
  }
  if (found === null) {
    throw new UserError('JAAR_ONBEKEND', `${label}: het jaar staat niet in het bestand of de bestandsnaam. Geef het op met --jaar.`, { file: label });
  }
  return { jaar: found.jaar, uit: found.uit };
}
