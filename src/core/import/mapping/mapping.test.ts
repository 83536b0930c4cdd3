import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadReferenceTables } from '../../resources/referenceTables.ts';
import type { Cell } from '../../values/cell.ts';
import { loadRecordParsers } from '../recordParsers.ts';
import { matchProfile, readProfile, type MappingProfile } from './profile.ts';
import { suggestMapping } from './suggestMapping.ts';
import { createValueCheckers } from './valueCheckers.ts';

const ref = loadReferenceTables();
const checkers = createValueCheckers(loadRecordParsers());
const suggest = (headers: string[], rows: Cell[][]) => suggestMapping(headers, rows, ref.velden, checkers).mapping;

describe('suggestMapping', () => {
  test('recognises Dutch header synonyms and leaves names and addresses unmapped', () => {
    const headers = ['Sofinummer', 'Naam', 'Geb.datum', 'Gesl', 'Straat', 'Huisnr', 'Toev', 'PC', 'Wet', 'Product code', 'Omschrijving', 'Ingangsdatum', 'Einddatum', 'Bedrag'];
    const row: Cell[] = ['999900006', 'Testpersoon', '01-02-1950', 'V', 'Teststraat', '12', 'a', '7101 AB', 'Wmo', '01A01', 'Hulp bij het huishouden', '01-01-2026', '', '1.234,56'];
    expect(suggest(headers, [row, row])).toEqual({
      bsn: 'Sofinummer',
      geboortedatum: 'Geb.datum',
      geslacht: 'Gesl',
      huisnummer: 'Huisnr',
      toevoeging: 'Toev',
      postcode: 'PC',
      pijler: 'Wet',
      productcode: 'Product code',
      product: 'Omschrijving',
      begindatum: 'Ingangsdatum',
      einddatum: 'Einddatum',
      kosten: 'Bedrag',
    });
  });

  test('an "Aanbieder" column of names is the name; one of 8-digit codes is the AGB code', () => {
    const names = suggest(['BSN', 'Productcode', 'Begindatum', 'Aanbieder'], [['999900006', '45A04', '2026-01-01', 'Zorggroep Fictievliet']]);
    expect(names.aanbieder_naam).toBe('Aanbieder');
    expect(names.aanbieder).toBeUndefined();
    const codes = suggest(['BSN', 'Productcode', 'Begindatum', 'Aanbieder'], [['999900006', '45A04', '2026-01-01', '75001074']]);
    expect(codes.aanbieder).toBe('Aanbieder');
    expect(codes.aanbieder_naam).toBeUndefined();
  });

  test('values can refute a header: a "Datum" column of text is not taken as a date', () => {
    const text = suggest(['BSN', 'Productcode', 'Begindatum'], [['999900006', '01A01', 'zie dossier']]);
    expect(text.begindatum).toBeUndefined();
    const dates = suggest(['BSN', 'Productcode', 'Begindatum'], [['999900006', '01A01', '01-07-2026']]);
    expect(dates.begindatum).toBe('Begindatum');
  });
});

describe('profiles', () => {
  const profile: MappingProfile = {
    formaat: 'wijkmonitor-profiel',
    versie: 1,
    naam: 'Suite kwartaalexport',
    lezer: { encoding: 'windows-1252', delimiter: ';', headerRow: 1 },
    kolommen: { bsn: 'BSN', productcode: 'Productcode', begindatum: 'Ingangsdatum', kosten: 'Bedrag', aanbieder: 'AGB' },
    decimaal: ',',
  };

  test('replays on next quarter’s export, reporting only the renamed header', () => {
    const headers = ['BSN', 'Productcode', 'Startdatum', 'Bedrag', 'AGB'];
    const fresh = suggest(headers, [['999900006', '01A01', '01-07-2026', '12,50', '75001074']]);
    expect(matchProfile(profile, headers, fresh)).toEqual({
      mapping: { bsn: 'BSN', productcode: 'Productcode', begindatum: 'Startdatum', kosten: 'Bedrag', aanbieder: 'AGB' },
      gewijzigd: [{ veld: 'begindatum', was: 'Ingangsdatum', nu: 'Startdatum' }],
      ontbrekend: [],
    });
  });

  test('a header that is gone without a recognisable replacement is asked for', () => {
    const headers = ['BSN', 'Productcode', 'Ingangsdatum', 'AGB'];
    const result = matchProfile(profile, headers, suggest(headers, []));
    expect(result.ontbrekend).toEqual([{ veld: 'kosten', was: 'Bedrag' }]);
    expect(result.mapping.kosten).toBeUndefined();
  });

  test('profile files are validated with a Dutch message naming the file and field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wm-profile-'));
    const file = path.join(dir, 'suite.json');
    writeFileSync(file, JSON.stringify({ ...profile, kolommen: { bsn: 'BSN', onzin: 'x' } }));
    expect(() => readProfile(file)).toThrow('Koppelprofiel suite.json: veld kolommen.onzin is ongeldig.');
    writeFileSync(file, '{kapot');
    expect(() => readProfile(file)).toThrow('Koppelprofiel suite.json is geen geldig JSON-bestand.');
    writeFileSync(file, JSON.stringify(profile));
    expect(readProfile(file)).toEqual(profile);
  });
});
