import { defaultResourcesDir } from '../resources/csvTable.ts';
import { loadEenheidParser, loadFrequentieParser } from '../values/codeLists.ts';
import { loadPijlerParser } from '../values/pijler.ts';
import type { RecordParsers } from './recordBuilder.ts';

/** The parsers whose vocabulary is data in resources/ (pijler synonyms, iStandaarden code lists). */
export function loadRecordParsers(resourcesDir = defaultResourcesDir): RecordParsers {
  return {
    pijler: loadPijlerParser(resourcesDir),
    eenheid: loadEenheidParser(resourcesDir),
    frequentie: loadFrequentieParser(resourcesDir),
  };
}
