import { describe, expect, test } from 'vitest';
import { createPseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import type { Cell } from '../values/cell.ts';
import { createRecordBuilder } from './recordBuilder.ts';
import { loadRecordParsers } from './recordParsers.ts';

const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const pseudonymiser = createPseudonymiser(key);
const headers = ['BSN', 'Geboortedatum', 'Geslacht', 'Postcode', 'Huisnummer', 'Toevoeging', 'Wet', 'Productcode', 'Ingangsdatum', 'Einddatum', 'AGB', 'Bedrag'];
const fields = ['bsn', 'geboortedatum', 'geslacht', 'postcode', 'huisnummer', 'toevoeging', 'pijler', 'productcode', 'begindatum', 'einddatum', 'aanbieder', 'kosten'] as const;
const mapping = Object.fromEntries(fields.map((f, i) => [f, headers[i]!]));

function build(overrides: Partial<Record<(typeof fields)[number], Cell>>, builder = createBuilder()) {
  const base: Record<(typeof fields)[number], Cell> = {
    bsn: '999900006',
    geboortedatum: '15-03-1950',
    geslacht: 'V',
    postcode: '7101 ab',
    huisnummer: '12',
    toevoeging: 'a',
    pijler: 'Wmo',
    productcode: '01A01',
    begindatum: '01-07-2026',
    einddatum: '',
    aanbieder: '75001074',
    kosten: '1.234,56',
  };
  const row = { ...base, ...overrides };
  const findings: Finding[] = [];
  const record = builder.build(7, fields.map((f) => row[f]), findings);
  return { record, findings: findings.map((f) => `${f.gegeven}:${f.controle}${f.uitgesloten ? ':uitgesloten' : ''}@${f.kolom}`) };
}

function createBuilder() {
  return createRecordBuilder({ bestand: 'export.csv', headers, mapping, decimaal: ',', pseudonymiser, parsers: loadRecordParsers(), peildatum: '2026-09-30' });
}

describe('createRecordBuilder', () => {
  test('a clean row becomes a pseudonymised record with birth month and PC6, without findings', () => {
    const { record, findings } = build({});
    expect(findings).toEqual([]);
    expect(record).toMatchObject({
      bron_rij: 7,
      client: pseudonymiser.client('999900006'),
      huishouden: pseudonymiser.household({ postcode: '7101AB', huisnummer: '12', toevoeging: 'A' }),
      geboortemaand: '1950-03',
      geslacht: '2',
      pc4: '7101',
      pc6: '7101AB',
      pijler: 'WMO',
      productcode: '01A01',
      begindatum: '2026-07-01',
      einddatum: null,
      aanbieder: '75001074',
      kosten: 1234.56,
    });
    expect(JSON.stringify(record)).not.toContain('999900006');
    expect(JSON.stringify(record)).not.toContain('1950-03-15');
  });

  test('rows without a usable BSN, product code or begindatum are left out, with the reason', () => {
    expect(build({ bsn: '999900007' })).toEqual({ record: null, findings: ['bsn:ongeldig_uitgesloten:uitgesloten@BSN'] });
    expect(build({ bsn: '999999999' })).toEqual({ record: null, findings: ['bsn:geen_bsn:uitgesloten@BSN'] });
    expect(build({ bsn: '' })).toEqual({ record: null, findings: ['bsn:ontbreekt:uitgesloten@BSN'] });
    expect(build({ productcode: '' }).findings).toEqual(['productcode:ontbreekt:uitgesloten@Productcode']);
    expect(build({ begindatum: '31-02-2026' }).findings).toEqual(['begindatum:ongeldig_uitgesloten:uitgesloten@Ingangsdatum']);
  });

  test('an 8-digit BSN (lost leading zero) is padded and counted', () => {
    const { record, findings } = build({ bsn: 12 });
    expect(findings).toEqual(['bsn:aangevuld@BSN']);
    expect(record?.client).toBe(pseudonymiser.client('000000012'));
  });

  test('implausible values are counted and neutralised where they would mislead', () => {
    expect(build({ einddatum: '31-12-2999' })).toMatchObject({ record: { einddatum: null }, findings: ['einddatum:open_einddatum@Einddatum'] });
    expect(build({ einddatum: '30-06-2026' })).toMatchObject({ record: { einddatum: '2026-06-30' }, findings: ['einddatum:voor_begindatum@Einddatum'] });
    expect(build({ einddatum: '-' })).toMatchObject({ record: { einddatum: null }, findings: ['einddatum:tekst_als_waarde@Einddatum'] });
    expect(build({ geboortedatum: '01-01-2027' })).toMatchObject({ record: { geboortemaand: null }, findings: ['geboortedatum:in_toekomst@Geboortedatum'] });
    expect(build({ geboortedatum: '01-01-1900' })).toMatchObject({ record: { geboortemaand: null }, findings: ['geboortedatum:leeftijd_boven_110@Geboortedatum'] });
    expect(build({ kosten: '-12,50' })).toMatchObject({ record: { kosten: -12.5 }, findings: ['kosten:negatief@Bedrag'] });
    expect(build({ kosten: 'veel' })).toMatchObject({ record: { kosten: null }, findings: ['kosten:ongeldig@Bedrag'] });
    expect(build({ aanbieder: '123' })).toMatchObject({ record: { aanbieder: null }, findings: ['aanbieder:ongeldig@AGB'] });
    expect(build({ geslacht: 'Q' })).toMatchObject({ record: { geslacht: '0' }, findings: ['geslacht:ongeldig@Geslacht'] });
    expect(build({ postcode: '0123 AB' })).toMatchObject({ record: { pc4: null, huishouden: null }, findings: ['postcode:ongeldig@Postcode'] });
  });

  test('a second row with the same client, product and begindatum is flagged as a duplicate', () => {
    const builder = createBuilder();
    expect(build({}, builder).findings).toEqual([]);
    expect(build({}, builder).findings).toEqual(['productcode:dubbel@Productcode']);
    expect(build({ begindatum: '02-07-2026' }, builder).findings).toEqual([]);
  });

  test('refuses a mapping without the required fields or with a header not in the file', () => {
    expect(() =>
      createRecordBuilder({ bestand: 'x.csv', headers, mapping: { bsn: 'BSN' }, decimaal: ',', pseudonymiser, parsers: loadRecordParsers(), peildatum: '2026-09-30' }),
    ).toThrow('x.csv: koppel eerst een kolom aan productcode, begindatum (verplicht).');
    expect(() =>
      createRecordBuilder({ bestand: 'x.csv', headers, mapping: { ...mapping, kosten: 'Kosten' }, decimaal: ',', pseudonymiser, parsers: loadRecordParsers(), peildatum: '2026-09-30' }),
    ).toThrow('x.csv: kolom "Kosten" (voor kosten) staat niet in de kopregel.');
  });
});
