import { describe, expect, test } from 'vitest';
import { dataLikeHeader, isPersonalHeader, looksLikeNamesOrStreets } from './personalData.ts';

describe('personal data', () => {
  test.each([
    ['Achternaam', true],
    ['Voorletters', true],
    ['E-mail', true],
    ['Straat', true],
    ['Huisnummer', true],
    ['Naam cliënt', true],
    ['Geb.datum', true],
    ['Naam aanbieder', false],
    ['Product', false],
    ['Verwijzer', false],
  ])('header %j is personal data: %s', (header, personal) => {
    expect(isPersonalHeader(header)).toBe(personal);
  });

  test('columns of initials or street names are recognised by their values', () => {
    expect(looksLikeNamesOrStreets(['N.I.', 'J.P. ', 'A.', ''])).toBe(true);
    expect(looksLikeNamesOrStreets(['Korte Reüniestraat', 'Dorpsweg', 'Lange Laan'])).toBe(true);
    expect(looksLikeNamesOrStreets(['Hulp bij het huishouden', 'Dagbesteding groep', 'Woonvoorziening traplift'])).toBe(false);
    expect(looksLikeNamesOrStreets(['01A01', '2026-07-01', '1.234,56'])).toBe(false);
    expect(looksLikeNamesOrStreets([])).toBe(false);
  });

  test('a header row that is a data row is recognised, named by its first such column', () => {
    expect(dataLikeHeader(['BSN', 'Achternaam', 'Geboortedatum', 'Postcode'])).toBeNull();
    expect(dataLikeHeader(['Droomhorst', '999929963'])).toBe(2);
    expect(dataLikeHeader(['Droomhorst', '14-2-1954'])).toBe(2);
    expect(dataLikeHeader(['Droomhorst', '1954-02-14'])).toBe(2);
    expect(dataLikeHeader(['Droomhorst', '7520 EG'])).toBe(2);
    expect(dataLikeHeader(['x', '35', '1.737,68'])).toBe(2);
    // One year as a column name is not data; nor is a name with a year in it.
    expect(dataLikeHeader(['Productcode', '2026', 'Bedrag 2026'])).toBeNull();
  });
});
