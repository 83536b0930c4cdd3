import path from 'node:path';
import { UserError } from '../../errors.ts';
import { detectSettings, readRows } from '../../import/readers/index.ts';
import { problemList } from './problemList.ts';
import type { ReferenceResources } from './referenceResources.ts';
import { settleYear, yearFromFileName, type FoundYear } from './referenceYear.ts';
import { prefixedCode } from './regionCode.ts';

/**
 * The CBS postcode-huisnummer file (`pc6hnr20240801_gwb.csv`: `PC6;Huisnummer;Buurt2024;
 * Wijk2024;Gemeente2024`), one row per address, aggregated here to addresses per PC6 and buurt.
 * Codes come as bare integers without their leading zeros; a PC6 may span buurten and wijken.
 */
export type Pc6Part = { pc6: string; buurt: string; wijk: string; gemeente: string; adressen: number };

export type Pc6File = { jaar: FoundYear; parts: Pc6Part[]; rijen: number };

const COLUMN = {
  pc6: /^pc6$/i,
  buurt: /^buurt((?:19|20)\d\d)?$/i,
  wijk: /^wijk((?:19|20)\d\d)?$/i,
  gemeente: /^gemeente((?:19|20)\d\d)?$/i,
};
const PC6 = /^[1-9]\d{3} ?[A-Z]{2}$/;

export function isPc6Header(headers: readonly string[]): boolean {
  return Object.values(COLUMN).every((pattern) => headers.some((h) => pattern.test(h.trim())));
}

export async function readCbsPc6(
  file: string,
  resources: ReferenceResources,
  options: { jaar?: number; signal?: AbortSignal; onBytes?: (done: number, total: number) => void } = {},
): Promise<Pc6File> {
  const label = path.basename(file);
  const { settings } = await detectSettings(file);
  const reader = readRows(file, settings, { signal: options.signal, onBytes: options.onBytes });
  const headers = await reader.headers;
  const at = (pattern: RegExp) => headers.findIndex((h) => pattern.test(h.trim()));
  const index = { pc6: at(COLUMN.pc6), buurt: at(COLUMN.buurt), wijk: at(COLUMN.wijk), gemeente: at(COLUMN.gemeente) };
  if (Object.values(index).some((i) => i < 0)) {
    await reader.close();
    throw new UserError('PC6_KOLOMMEN', `${label}: verwacht de kolommen PC6;Huisnummer;BuurtJJJJ;WijkJJJJ;GemeenteJJJJ.`, { file: label });
  }
  const headerYear = COLUMN.buurt.exec(headers[index.buurt]!.trim())?.[1];
  const jaar = settleYear(file, options.jaar, headerYear ? { jaar: Number(headerYear), uit: `kolom ${headers[index.buurt]}`, zeker: true } : yearFromFileName(file, resources.tabellen));

  const problems = problemList(file);
  const parts = new Map<string, Pc6Part>();
  let rijen = 0;
  for await (const batch of reader.batches) {
    for (const { row, cells } of batch) {
      rijen++;
      const text = (i: number) => (typeof cells[i] === 'string' ? (cells[i] as string) : null);
      const rawPc6 = text(index.pc6)?.toUpperCase() ?? '';
      if (!PC6.test(rawPc6)) {
        problems.add(row, headers[index.pc6]!, rawPc6 === '' ? 'de postcode ontbreekt' : `"${rawPc6.slice(0, 10)}" is geen PC6 (1234AB)`);
        continue;
      }
      const pc6 = rawPc6.replace(' ', '');
      const buurt = prefixedCode(text(index.buurt), 'buurt');
      const wijk = prefixedCode(text(index.wijk), 'wijk');
      const gemeente = prefixedCode(text(index.gemeente), 'gemeente');
      if (buurt === null) problems.add(row, headers[index.buurt]!, 'geen buurtcode');
      if (wijk === null) problems.add(row, headers[index.wijk]!, 'geen wijkcode');
      if (gemeente === null) problems.add(row, headers[index.gemeente]!, 'geen gemeentecode');
      if (buurt === null || wijk === null || gemeente === null) continue;
      // A buurt code starts with its wijk code, which starts with its gemeente code.
      if (buurt.slice(2, 8) !== wijk.slice(2) || wijk.slice(2, 6) !== gemeente.slice(2)) {
        problems.add(row, headers[index.buurt]!, `buurt ${buurt}, wijk ${wijk} en gemeente ${gemeente} horen niet bij elkaar`);
        continue;
      }
      const key = `${pc6}\t${buurt}`;
      const part = parts.get(key);
      if (part) part.adressen++;
      else parts.set(key, { pc6, buurt, wijk, gemeente, adressen: 1 });
    }
    // Leaving the loop closes the file.
    if (problems.full) break;
  }
  problems.throwIfAny('PC6_ONGELDIG');
  if (parts.size === 0) throw new UserError('PC6_LEEG', `${label}: het bestand bevat geen adressen.`, { file: label });
  return { jaar, parts: [...parts.values()], rijen };
}
