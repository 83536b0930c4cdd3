import { normaliseBsn } from '../../pseudonym/bsn.ts';
import { parseAmount } from '../../values/amount.ts';
import type { Cell } from '../../values/cell.ts';
import { parseDate } from '../../values/date.ts';
import { parseGeslacht } from '../../values/geslacht.ts';
import { parsePostcode } from '../../values/postcode.ts';
import { parseCode, parseCount, parseHuisnummer } from '../../values/text.ts';
import type { RecordParsers } from '../recordBuilder.ts';
import type { ValueCheckers } from './suggestMapping.ts';

const ok = (parsed: { kind: string }) => parsed.kind === 'ok';

/** For each `soort` in kolomnamen.csv: would this sample value fit a field of that kind? */
export function createValueCheckers(parsers: RecordParsers): ValueCheckers {
  const code = (cell: Cell) => {
    const parsed = parseCode(cell);
    return parsed.kind === 'ok' ? parsed.value : null;
  };
  return {
    bsn: (cell) => ['ok', 'sentinel'].includes(normaliseBsn(cell).kind),
    datum: (cell) => ok(parseDate(cell)),
    geslacht: (cell) => ok(parseGeslacht(cell)),
    postcode: (cell) => ok(parsePostcode(cell)),
    huisnummer: (cell) => ok(parseHuisnummer(cell)),
    pijler: (cell) => ok(parsers.pijler(cell)),
    eenheid: (cell) => ok(parsers.eenheid(cell)),
    frequentie: (cell) => ok(parsers.frequentie(cell)),
    // A code is one short token (01A01, 73000001); a name has words.
    code: (cell) => {
      const value = code(cell);
      return value !== null && value.length <= 12 && !/\s/.test(value);
    },
    tekst: (cell) => typeof cell === 'string' && /\p{L}{3}/u.test(cell),
    agb: (cell) => /^\d{8}$/.test(code(cell) ?? ''),
    aantal: (cell) => ok(parseCount(cell, ',')) || ok(parseCount(cell, '.')),
    bedrag: (cell) => ok(parseAmount(cell, ',')) || ok(parseAmount(cell, '.')),
  };
}
