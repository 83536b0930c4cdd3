import { defaultResourcesDir } from '../resources/csvTable.ts';
import { loadEenheidParser, loadFrequentieParser } from '../values/codeLists.ts';
import { loadPijlerParser } from '../values/pijler.ts';
import type { RecordParsers } from './recordBuilder.ts';

/** The parsers whose vocabulary is data in resources/ (pijler synonyms, iStandaarden code lists). */
export function loadRecordParsers(resourcesDir = defaultResourcesDir): RecordParsers {
  const parsers = {
    pijler: loadPijlerParser(resourcesDir),
    eenheid: loadEenheidParser(resourcesDir),
    frequentie: loadFrequentieParser(resourcesDir),
  };
  sources.set(parsers, resourcesDir);
  return parsers;
}

// Functions cannot be posted to a worker thread; the folder they were loaded from can.
const sources = new WeakMap<RecordParsers, string>();

/** The resources folder `parsers` were loaded from, so a worker can load the same; undefined for hand-made parsers. */
export function recordParsersSource(parsers: RecordParsers): string | undefined {
  return sources.get(parsers);
}
