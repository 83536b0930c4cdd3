import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePeriode } from '../../period/periode.ts';
import { clientPseudonym, createPseudonymiser } from '../../pseudonym/wm1.ts';
import type { Finding } from '../../quality/finding.ts';
import { createQualityReport } from '../../quality/qualityReport.ts';
import { loadReferenceTables } from '../../resources/referenceTables.ts';
import { tempDir } from '../../testing/tempDir.ts';
import type { StoredRecord } from '../storedRecord.ts';
import { BERICHTEN_MAPPING, splitSources, withBerichten } from './combine.ts';
import { wmo301 } from './testMessages.ts';

const KEY = Buffer.alloc(32, 9);
const BSN = '999900067';

function exportRecord(productcode: string, begindatum: string): StoredRecord {
  return {
    bron_rij: 2, client: clientPseudonym(KEY, BSN), huishouden: null, geboortemaand: '1960-01', geslacht: '1', pc4: '1011', pc6: '1011AB', pijler: 'WMO',
    productcode, product: null, categorie: '02', begindatum, einddatum: null, aanbieder: null, aanbieder_naam: null, volume: null, eenheid: null,
    frequentie: null, kosten: null, verwijzer: null, reden_einde: null, aanvraagdatum: null,
  };
}

describe('messages next to exports', () => {
  it('reports a voorziening that is in the export and in the messages, and delivers it once', async () => {
    const dir = tempDir();
    const client = { bsn: BSN, geboortedatum: '1960-01-05', geslacht: '1', postcode: '1011AB', huisnummer: '3' };
    const t = { categorie: '02', datum: '2026-06-01', tijd: '10:00:00', ingangsdatum: '2026-07-01', volume: 1, eenheid: '04', frequentie: '2' };
    writeFileSync(path.join(dir, 'wmo301.xml'), wmo301({
      gemeente: '0363', aanbieder: '12345678', id: 'X1', dagtekening: '2026-06-01', client,
      toewijzingen: [{ ...t, nummer: '1', code: '02A01' }, { ...t, nummer: '2', code: '02A02' }],
    }));
    async function* exports() {
      yield [exportRecord('02A01', '2026-07-01'), exportRecord('02A03', '2026-07-01')];
    }
    const quality = createQualityReport(BERICHTEN_MAPPING, loadReferenceTables());
    const findings: Finding[] = [];
    const delivered: StoredRecord[] = [];
    for await (const batch of withBerichten({
      exports: exports(), berichten: { sources: [dir] }, pseudonymiser: createPseudonymiser(KEY), periode: parsePeriode('2026Q3'), quality,
      onFindings: (f) => findings.push(...f),
    })) delivered.push(...batch);
    expect(delivered.map((r) => r.productcode)).toEqual(['02A01', '02A03', '02A02']);
    expect(findings.filter((f) => f.controle === 'dubbel_bron')).toEqual([
      { bestand: `${path.basename(dir)}/wmo301.xml`, rij: 7, gegeven: 'productcode', kolom: 'Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]', controle: 'dubbel_bron', uitgesloten: true },
    ]);
    expect(quality.rows().some((r) => r.controle === 'dubbel_bron' && r.aantal === 1)).toBe(true);
  }, 60_000);

  it('leaves out and reports the voorzieningen of another gemeente in a regional archive', async () => {
    const dir = tempDir();
    const client = { bsn: BSN, geboortedatum: '1960-01-05', geslacht: '1', postcode: '1011AB', huisnummer: '3' };
    const t = { categorie: '02', code: '02A01', datum: '2026-06-01', tijd: '10:00:00', ingangsdatum: '2026-07-01', volume: 1, eenheid: '04', frequentie: '2' };
    writeFileSync(path.join(dir, 'eigen.xml'), wmo301({ gemeente: '0363', aanbieder: '12345678', id: 'Y1', dagtekening: '2026-06-01', client, toewijzingen: [{ ...t, nummer: '1' }] }));
    writeFileSync(path.join(dir, 'buren.xml'), wmo301({ gemeente: '0384', aanbieder: '12345678', id: 'Y2', dagtekening: '2026-06-01', client, toewijzingen: [{ ...t, nummer: '1' }] }));
    const quality = createQualityReport(BERICHTEN_MAPPING, loadReferenceTables());
    const findings: Finding[] = [];
    const delivered: StoredRecord[] = [];
    for await (const batch of withBerichten({
      exports: null, berichten: { sources: [dir], gemeentecode: 'GM0363' }, pseudonymiser: createPseudonymiser(KEY), periode: parsePeriode('2026Q3'), quality,
      onFindings: (f) => findings.push(...f),
    })) delivered.push(...batch);
    expect(delivered).toHaveLength(1);
    expect(findings.filter((f) => f.controle === 'andere_gemeente').map((f) => f.bestand)).toEqual([`${path.basename(dir)}/buren.xml`]);
  }, 60_000);

  it('tells messages (xml, folders, zips) from exports', () => {
    const dir = tempDir();
    expect(splitSources([path.join(dir, 'export.csv'), path.join(dir, 'a.XML'), dir, path.join(dir, 'archief.zip'), path.join(dir, 'x.xlsx')])).toEqual({
      exports: [path.join(dir, 'export.csv'), path.join(dir, 'x.xlsx')],
      berichten: [path.join(dir, 'a.XML'), dir, path.join(dir, 'archief.zip')],
    });
  });
});
