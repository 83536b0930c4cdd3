import { describe, expect, test } from 'vitest';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import type { QualityRow } from './qualityReport.ts';
import { describeQualityRows } from './qualityWords.ts';

const ref = loadReferenceTables();
const row = (gegeven: string, controle: string): QualityRow => ({ gegeven, controle, aantal: 1, totaal: 10, percentage: 10, toelichting: '' });

describe('describeQualityRows', () => {
  test('each check is a sentence after the field label, with its severity, most serious first', () => {
    const lines = describeQualityRows(
      [row('rijen', 'gelezen'), row('rijen', 'uitgesloten'), row('bsn', 'vulgraad'), row('aanbieder_naam', 'vulgraad'), row('bsn', 'aangevuld'), row('einddatum', 'open_einddatum'), row('bsn', 'ongeldig_uitgesloten'), row('rij', 'bericht_ongeldig'), row('kosten', 'negatief'), row('postcode', 'onbekende_postcode')],
      ref,
    );
    expect(lines.map((l) => [l.ernst, l.zin])).toEqual([
      ['informatie', 'Rijen gelezen'],
      ['uitgesloten', 'Rijen uitgesloten: geen geldig BSN, productcode of begindatum'],
      ['uitgesloten', 'BSN: ongeldig, rij uitgesloten'],
      ['uitgesloten', 'Bericht ongeldig, niet gebruikt'],
      ['ongeldig', "Postcode: hoort bij geen wijk, wijk 'onbekend'"],
      ['onwaarschijnlijk', 'Einddatum: ver in de toekomst, behandeld als doorlopend'],
      ['onwaarschijnlijk', 'Kosten: negatief bedrag'],
      ['informatie', 'BSN: aangevuld met voorloopnullen'],
      ['vulgraad', 'BSN: ingevuld (vulgraad)'],
      ['vulgraad', 'Naam aanbieder: ingevuld (vulgraad)'],
    ]);
    // The codes stay, for the findings behind a line and for whoever reads the export.
    expect(lines[5]).toMatchObject({ gegeven: 'einddatum', controle: 'open_einddatum' });
  });

  test('every check in resources/controles.csv has its sentence', () => {
    for (const check of ref.controles) expect(check.zin, check.controle).not.toBe(check.controle);
  });
});
