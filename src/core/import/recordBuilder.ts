import { UserError } from '../errors.ts';
import { isPersonalHeader } from '../privacy/personalData.ts';
import { normaliseAdres } from '../pseudonym/adres.ts';
import { normaliseBsn } from '../pseudonym/bsn.ts';
import type { Pseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import { parseAmount } from '../values/amount.ts';
import type { Cell } from '../values/cell.ts';
import { ageAt, parseDate } from '../values/date.ts';
import { parseGeslacht } from '../values/geslacht.ts';
import type { LookupParser } from '../values/lookup.ts';
import type { Parsed } from '../values/parsed.ts';
import { parsePostcode } from '../values/postcode.ts';
import { parseCode, parseCount } from '../values/text.ts';
import { FREE_TEXT_FIELDS, type ColumnMapping, type ImportField } from './mapping/fields.ts';
import type { StoredRecord } from './storedRecord.ts';

export type RecordParsers = { pijler: LookupParser; eenheid: LookupParser; frequentie: LookupParser };

export type RecordBuilderOptions = {
  /** The file's name as the user knows it; findings name it. */
  bestand: string;
  headers: readonly string[];
  mapping: ColumnMapping;
  decimaal: ',' | '.';
  pseudonymiser: Pseudonymiser;
  parsers: RecordParsers;
  /** Birth dates after this day are impossible and ages are judged at it: the period's last day. */
  peildatum: string;
  /** Told every valid BSN, for the privacy scan of what leaves; never stored. */
  onBsn?: (bsn9: string) => void;
};

export type RecordBuilder = {
  build(row: number, cells: readonly Cell[], findings: Finding[]): StoredRecord | null;
};

/** Far-future end dates (`31-12-2999`) are how client systems write "no end". */
const OPEN_END_FROM = '2100-01-01';
const REQUIRED: readonly ImportField[] = ['bsn', 'productcode', 'begindatum'];

/**
 * Turns one export row into a stored record: every value parsed, the BSN and address replaced
 * by their pseudonyms on the spot, and every problem recorded as a finding with file, row and
 * column. A row without a valid BSN, product code or begindatum is left out (and counted).
 */
export function createRecordBuilder(options: RecordBuilderOptions): RecordBuilder {
  const missing = REQUIRED.filter((field) => options.mapping[field] === undefined);
  if (missing.length > 0) {
    throw new UserError('KOPPELING_ONVOLLEDIG', `${options.bestand}: koppel eerst een kolom aan ${missing.join(', ')} (verplicht).`, {
      file: options.bestand,
    });
  }
  const index = new Map<ImportField, number>();
  for (const [field, header] of Object.entries(options.mapping) as [ImportField, string][]) {
    const column = options.headers.indexOf(header);
    if (column === -1) {
      throw new UserError('KOLOM_ONTBREEKT', `${options.bestand}: kolom "${header}" (voor ${field}) staat niet in de kopregel.`, {
        file: options.bestand,
        column: header,
      });
    }
    index.set(field, column);
    if (FREE_TEXT_FIELDS.includes(field) && isPersonalHeader(header)) {
      throw new UserError(
        'PERSOONSGEGEVEN_GEKOPPELD',
        `${options.bestand}: kolom "${header}" bevat persoonsgegevens (naam, adres of contactgegeven) en kan niet aan ${field} worden gekoppeld: ` +
          `${field} wordt als tekst opgeslagen en geleverd. Koppel een andere kolom aan ${field} of laat het leeg.`,
        { file: options.bestand, column: header },
      );
    }
  }
  const { bestand, pseudonymiser, parsers, decimaal, peildatum } = options;
  const seen = new Set<number>();

  // The row being built. The helpers below read it instead of being made anew for every row:
  // three closures per row were a million allocations per million rows (profiled, issue 17).
  let row = 0;
  let cells: readonly Cell[] = [];
  let findings: Finding[] = [];
  const cell = (field: ImportField): Cell => {
    const column = index.get(field);
    return column === undefined ? null : (cells[column] ?? null);
  };
  const note = (gegeven: ImportField, controle: string, uitgesloten = false) =>
    findings.push({ bestand, rij: row, gegeven, kolom: options.mapping[gegeven] ?? null, controle, uitgesloten });
  /** The value, or null after noting why it could not be used. */
  const take = <T>(field: ImportField, parsed: Parsed<T>): T | null => {
    if (parsed.kind === 'ok') return parsed.value;
    if (parsed.kind === 'invalid') note(field, 'ongeldig');
    else if (parsed.placeholder) note(field, 'tekst_als_waarde');
    return null;
  };

  return {
    build(rowNumber, rowCells, rowFindings) {
      row = rowNumber;
      cells = rowCells;
      findings = rowFindings;
      const bsn = normaliseBsn(cell('bsn'));
      let excluded = false;
      if (bsn.kind !== 'ok') {
        note('bsn', bsn.kind === 'empty' ? 'ontbreekt' : bsn.kind === 'sentinel' ? 'geen_bsn' : 'ongeldig_uitgesloten', true);
        excluded = true;
      } else if (bsn.padded) note('bsn', 'aangevuld');
      const productcode = parseCode(cell('productcode'));
      if (productcode.kind !== 'ok') {
        note('productcode', productcode.kind === 'invalid' ? 'ongeldig_uitgesloten' : 'ontbreekt', true);
        excluded = true;
      }
      const begin = parseDate(cell('begindatum'));
      if (begin.kind !== 'ok') {
        note('begindatum', begin.kind === 'invalid' ? 'ongeldig_uitgesloten' : 'ontbreekt', true);
        excluded = true;
      }
      if (excluded || bsn.kind !== 'ok' || productcode.kind !== 'ok' || begin.kind !== 'ok') return null;
      options.onBsn?.(bsn.bsn);

      let einddatum = take('einddatum', parseDate(cell('einddatum')));
      if (einddatum !== null && einddatum >= OPEN_END_FROM) {
        note('einddatum', 'open_einddatum');
        einddatum = null;
      } else if (einddatum !== null && einddatum < begin.value) note('einddatum', 'voor_begindatum');

      let geboortedatum = take('geboortedatum', parseDate(cell('geboortedatum')));
      if (geboortedatum !== null && geboortedatum > peildatum) {
        note('geboortedatum', 'in_toekomst');
        geboortedatum = null;
      } else if (geboortedatum !== null && ageAt(geboortedatum, peildatum) > 110) {
        note('geboortedatum', 'leeftijd_boven_110');
        geboortedatum = null;
      }

      const postcode = take('postcode', parsePostcode(cell('postcode')));
      let huishouden: string | null = null;
      if (postcode?.pc6 && parseCode(cell('huisnummer')).kind === 'ok') {
        const adres = normaliseAdres(postcode.pc6, cell('huisnummer'), cell('toevoeging'));
        if (adres.kind === 'ok') huishouden = pseudonymiser.household(adres.adres);
        else if (adres.kind === 'invalid') note('huisnummer', 'ongeldig');
      }

      const kosten = take('kosten', parseAmount(cell('kosten'), decimaal));
      if (kosten !== null && kosten < 0) note('kosten', 'negatief');

      let aanbieder = take('aanbieder', parseCode(cell('aanbieder')));
      if (aanbieder !== null && !/^\d{8}$/.test(aanbieder)) {
        note('aanbieder', 'ongeldig');
        aanbieder = null;
      }
      let categorie = take('categorie', parseCode(cell('categorie')));
      if (categorie !== null) {
        categorie = categorie.padStart(2, '0');
        if (!/^\d{2}$/.test(categorie)) {
          note('categorie', 'ongeldig');
          categorie = null;
        }
      }

      const client = pseudonymiser.client(bsn.bsn);
      const key = duplicateKey(client, productcode.value, begin.value);
      if (seen.has(key)) note('productcode', 'dubbel');
      else seen.add(key);

      return {
        bron_rij: row,
        client,
        huishouden,
        geboortemaand: geboortedatum === null ? null : geboortedatum.slice(0, 7),
        geslacht: take('geslacht', parseGeslacht(cell('geslacht'))) ?? '0',
        pc4: postcode?.pc4 ?? null,
        pc6: postcode?.pc6 ?? null,
        pijler: take('pijler', parsers.pijler(cell('pijler'))),
        productcode: productcode.value,
        product: take('product', parseCode(cell('product'))),
        categorie,
        begindatum: begin.value,
        einddatum,
        aanbieder,
        aanbieder_naam: take('aanbieder_naam', parseCode(cell('aanbieder_naam'))),
        volume: take('volume', parseCount(cell('volume'), decimaal)),
        eenheid: take('eenheid', parsers.eenheid(cell('eenheid'))),
        frequentie: take('frequentie', parsers.frequentie(cell('frequentie'))),
        kosten,
        verwijzer: take('verwijzer', parseCode(cell('verwijzer'))),
        reden_einde: take('reden_einde', parseCode(cell('reden_einde'))),
        aanvraagdatum: take('aanvraagdatum', parseDate(cell('aanvraagdatum'))),
      };
    },
  };
}

/**
 * A 53-bit FNV-1a hash of client, product and begindatum. A million numbers cost a fraction of a
 * million key strings; the chance that two different voorzieningen collide (and one is counted as
 * a duplicate) is about 1 in 10,000 per million rows.
 */
function duplicateKey(client: string, productcode: string, begindatum: string): number {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  const text = `${client}|${productcode}|${begindatum}`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    high = Math.imul(high ^ c, 0x01000193);
    low = Math.imul(low ^ c, 0x5bd1e995);
  }
  return (high >>> 0) * 0x200000 + ((low >>> 0) & 0x1fffff);
}
