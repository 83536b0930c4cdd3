import type { Cell } from '../values/cell.ts';

/**
 * An address in the form contract wm1 hashes: postcode as PC6 (`1234AB`), huisnummer as digits
 * without leading zeros (`12`), toevoeging upper-case and trimmed, `''` when there is none.
 */
export type Adres = { postcode: string; huisnummer: string; toevoeging: string };

export type AdresResult = { kind: 'ok'; adres: Adres } | { kind: 'empty' } | { kind: 'invalid'; reason: string };

const PC6 = /^[1-9][0-9]{3}[A-Z]{2}$/;
const HUISNUMMER = /^[1-9][0-9]{0,4}$/;

/**
 * Reads the address cells of one row. Sources split an address differently: one has `12` and `a`,
 * another `12a` with an empty toevoeging, Excel may hand `12` over as a number. All of them must give
 * the same household, so the huisnummer cell is split into its leading digits and a rest, and the
 * rest becomes the toevoeging (a space or dash between them is dropped: `12 a`, `12-a` and `12a`
 * are all 12 + `A`). When the toevoeging cell says something else too, we cannot tell which is
 * right, and the address is invalid. Like BSN reasons, the reason never contains the value.
 */
export function normaliseAdres(postcode: Cell, huisnummer: Cell, toevoeging: Cell = null): AdresResult {
  const pc = textOf(postcode, 'postcode');
  if (typeof pc !== 'string') return pc;
  const nummer = textOf(huisnummer, 'huisnummer');
  if (typeof nummer !== 'string') return nummer;
  const extra = textOf(toevoeging, 'toevoeging');
  if (typeof extra !== 'string') return extra;
  if (pc === '' && nummer === '' && extra === '') return { kind: 'empty' };
  if (pc === '') return invalid('postcode ontbreekt');
  if (nummer === '') return invalid('huisnummer ontbreekt');

  const pc6 = pc.replace(/\s+/g, '').toUpperCase();
  if (!PC6.test(pc6)) return invalid('postcode is niet van de vorm 1234AB');

  const split = /^([0-9]+)[\s-]*(.*)$/s.exec(nummer);
  if (!split) return invalid('huisnummer begint niet met een getal');
  const digits = split[1]!.replace(/^0+/, '');
  if (!HUISNUMMER.test(digits)) return invalid('huisnummer ligt niet tussen 1 en 99999');

  const fromNummer = split[2]!.trim().toUpperCase();
  const fromCell = extra.toUpperCase();
  if (fromNummer !== '' && fromCell !== '' && fromNummer !== fromCell) {
    return invalid('huisnummer en toevoeging geven elk een andere toevoeging');
  }
  return { kind: 'ok', adres: { postcode: pc6, huisnummer: digits, toevoeging: fromNummer || fromCell } };
}

/** Whether the address is already in the form `normaliseAdres` gives, as the hash requires. */
export function isCanonicalAdres(adres: Adres): boolean {
  return (
    PC6.test(adres.postcode) &&
    HUISNUMMER.test(adres.huisnummer) &&
    adres.toevoeging === adres.toevoeging.trim().toUpperCase()
  );
}

/** A cell as trimmed text. A number can only be a whole one here: a huisnummer or a numeric toevoeging. */
function textOf(cell: Cell, veld: string): string | AdresResult {
  if (cell === null) return '';
  if (cell instanceof Date) return invalid(`${veld} is een datum`);
  if (typeof cell === 'number') {
    return Number.isSafeInteger(cell) && cell >= 0 ? String(cell) : invalid(`${veld} is geen geheel getal`);
  }
  return cell.trim();
}

function invalid(reason: string): AdresResult {
  return { kind: 'invalid', reason };
}
