import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePeriode } from '../../period/periode.ts';
import { normaliseAdres } from '../../pseudonym/adres.ts';
import { clientPseudonym, createPseudonymiser, householdPseudonym } from '../../pseudonym/wm1.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { importBerichten } from './berichtenRecords.ts';
import { wmo301, wmo305, wmo307, wmo323, type TestClient, type TestToewijzing } from './testMessages.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures/istandaarden');
const KEY = Buffer.alloc(32, 3);
const GEMEENTE = '0363';
const AANBIEDER = '12345678';
const ANNA: TestClient = { bsn: '999900031', geboortedatum: '1950-03-17', geslacht: '2', postcode: '1011AB', huisnummer: '12', huisletter: 'A' };
const BOB: TestClient = { bsn: '999900043', geboortedatum: '1980-11-02', geslacht: '1', postcode: '1022CD', huisnummer: '5' };
const HULP: TestToewijzing = {
  nummer: '9000001', categorie: '02', code: '02A01', datum: '2026-06-01', tijd: '10:00:00', ingangsdatum: '2026-07-01', einddatum: '2026-12-31', volume: 4, eenheid: '04', frequentie: '2',
};
const out = (dir: string, name: string, xml: string) => writeFileSync(path.join(dir, name), xml);
const line = (referentie: string, centen: number, dc: 'D' | 'C', begindatum: string, einddatum: string, extra: { vorige?: string; nummer?: string; bsn?: string } = {}) => ({
  bsn: extra.bsn ?? ANNA.bsn, referentie, vorige: extra.vorige, nummer: extra.nummer ?? '9000001', categorie: '02', code: '02A01', begindatum, einddatum, volume: 4, eenheid: '04', centen, dc,
});

async function reconstruct(dir: string, periode: string | null = '2026Q3') {
  return importBerichten({ sources: [dir], pseudonymiser: createPseudonymiser(KEY), periode: periode === null ? null : parsePeriode(periode) });
}

describe('reconstructing voorzieningen from messages', () => {
  it('a line the gemeente rejected in its 325 is no cost, and says so (iJw examples)', async () => {
    // The shared examples: a 323 of aanbieder 65656055 to gemeente 0384 and that gemeente's 325
    // rejecting RN001–RN003. The 301 example is given toewijzing 10072, which RN001 declares.
    const dir = tempDir();
    const ijw = path.join(FIXTURES, 'ijw-3.2');
    out(dir, 'JW301.xml', readFileSync(path.join(ijw, 'JW301.xml'), 'utf8').replace('<ijw:ToewijzingNummer>300201<', '<ijw:ToewijzingNummer>10072<').replace(/ToewijzingNummer>300201</g, 'ToewijzingNummer>10072<'));
    out(dir, 'JW323.xml', readFileSync(path.join(ijw, 'JW323.xml'), 'utf8'));
    const declared = await reconstruct(dir, '2026Q2');
    const of = (r: Awaited<ReturnType<typeof reconstruct>>) => r.records.find((v) => v.productcode === '55A11');
    expect(of(declared)?.kosten).toBe(50);
    out(dir, 'JW325.xml', readFileSync(path.join(ijw, 'JW325.xml'), 'utf8'));
    const answered = await reconstruct(dir, '2026Q2');
    expect(of(answered)?.kosten).toBe(0);
    expect(answered.findings.filter((f) => f.controle === 'declaratie_afgewezen').map((f) => [path.basename(f.bestand), f.gegeven, f.uitgesloten])).toEqual([['JW323.xml', 'kosten', true]]);
  });

  it('301 → 305 → 307 → 323 with a credit: actual begin and end, costs in the period net of the credited line', async () => {
    const dir = tempDir();
    const kop = { gemeente: GEMEENTE, aanbieder: AANBIEDER, dagtekening: '2026-06-01' };
    out(dir, '1-wmo301.xml', wmo301({ ...kop, id: 'A1', client: ANNA, toewijzingen: [HULP] }));
    out(dir, '2-wmo305.xml', wmo305({ ...kop, id: 'A2', client: ANNA, starts: [{ nummer: '9000001', begindatum: '2026-07-06' }] }));
    out(dir, '3-wmo307.xml', wmo307({ ...kop, id: 'A3', client: ANNA, stops: [{ nummer: '9000001', begindatum: '2026-07-06', einddatum: '2026-09-15', reden: '31' }] }));
    out(dir, '4-wmo323.xml', wmo323({ ...kop, id: 'A4', nummer: 'D1', begindatum: '2026-07-01', einddatum: '2026-08-31', prestaties: [
      line('RN1', 10000, 'D', '2026-07-01', '2026-07-31'),
      line('RN2', 12000, 'D', '2026-08-01', '2026-08-31'),
    ] }));
    out(dir, '5-wmo323.xml', wmo323({ ...kop, id: 'A5', nummer: 'D2', begindatum: '2026-08-01', einddatum: '2026-10-31', prestaties: [
      line('RN3', 12000, 'C', '2026-08-01', '2026-08-31', { vorige: 'RN2' }),
      line('RN4', 11000, 'D', '2026-08-01', '2026-08-31'),
      line('RN5', 9000, 'D', '2026-10-01', '2026-10-31'),
    ] }));
    const result = await reconstruct(dir);
    expect(result.meldingen).toEqual([]);
    expect(result.records).toHaveLength(1);
    const adres = normaliseAdres('1011AB', '12', 'A');
    if (adres.kind !== 'ok') throw new Error('test address');
    expect(result.records[0]).toEqual({
      bron_rij: 7,
      client: clientPseudonym(KEY, ANNA.bsn),
      huishouden: householdPseudonym(KEY, adres.adres),
      geboortemaand: '1950-03',
      geslacht: '2',
      pc4: '1011',
      pc6: '1011AB',
      pijler: 'WMO',
      productcode: '02A01',
      product: null,
      categorie: '02',
      begindatum: '2026-07-06',
      einddatum: '2026-09-15',
      aanbieder: AANBIEDER,
      aanbieder_naam: null,
      volume: 4,
      eenheid: '04',
      frequentie: '2',
      // July 100.00 + August 110.00 (120.00 credited and declared again); October is another quarter.
      kosten: 210,
      verwijzer: null,
      reden_einde: '31',
      aanvraagdatum: null,
    });
    expect((await reconstruct(dir, '2026Q4')).records[0]!.kosten).toBe(90);
    expect((await reconstruct(dir, null)).preview[0]).toMatchObject({ gemeente: GEMEENTE, toewijzingnummer: '9000001', kosten: 300, begindatum: '2026-07-06' });
  }, 60_000);

  it('a newer 301 replaces an older one whatever the file order, and a 323 for an unknown toewijzing is reported', async () => {
    const dir = tempDir();
    const kop = { gemeente: GEMEENTE, aanbieder: AANBIEDER };
    // The newer toewijzing (more hours, from a later Toewijzingstijd the same day) sorts first by file name.
    out(dir, 'a-wmo301.xml', wmo301({ ...kop, id: 'B2', dagtekening: '2026-06-01', client: { ...BOB, postcode: '1033EF' }, toewijzingen: [{ ...HULP, nummer: '9000002', tijd: '15:30:00', volume: 6 }] }));
    out(dir, 'b-wmo301.xml', wmo301({ ...kop, id: 'B1', dagtekening: '2026-06-01', client: BOB, toewijzingen: [{ ...HULP, nummer: '9000002', tijd: '09:00:00', volume: 4 }] }));
    out(dir, 'c-wmo323.xml', wmo323({ ...kop, id: 'B3', dagtekening: '2026-08-05', nummer: 'D3', begindatum: '2026-07-01', einddatum: '2026-07-31', prestaties: [
      line('RN7', 5000, 'D', '2026-07-01', '2026-07-31', { nummer: '9000002', bsn: BOB.bsn }),
      line('RN8', 7000, 'D', '2026-07-01', '2026-07-31', { nummer: '9000009', bsn: BOB.bsn }),
    ] }));
    const result = await reconstruct(dir);
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ volume: 6, pc6: '1033EF', begindatum: '2026-07-01', kosten: 50 });
    const unknown = result.findings.filter((f) => f.controle === 'onbekende_toewijzing');
    expect(unknown).toEqual([
      { bestand: `${path.basename(dir)}/c-wmo323.xml`, rij: 7, gegeven: 'kosten', kolom: 'Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie[2]', controle: 'onbekende_toewijzing', uitgesloten: true },
    ]);
    expect(result.findings.some((f) => f.controle === 'vervangen_toewijzing' && f.bestand.endsWith('b-wmo301.xml'))).toBe(true);
    expect(result.findings.some((f) => f.controle === 'geen_startbericht')).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/99990004|Testnaam|Teststraat/);
  }, 60_000);

  it('the shared examples: WMO301 and JW301 give voorzieningen; their 323s name toewijzingen no 301 holds', async () => {
    const result = await reconstruct(FIXTURES, null);
    expect(result.preview.map((p) => [p.standaard, p.gemeente, p.toewijzingnummer, p.productcode, p.begindatum, p.einddatum, p.kosten])).toEqual([
      ['ijw', '0384', '300201', '55A11', '2026-04-01', '2026-07-14', null],
      ['ijw', '0384', '300202', '55A12', '2026-04-01', '2026-07-19', null],
      ['iwmo', '0384', '101', '01A01', '2023-01-01', '2023-12-31', null],
    ]);
    // The 305/307 examples go to gemeente 0363 and the 323s to other toewijzingen: all reported.
    expect(result.findings.filter((f) => f.controle === 'onbekende_toewijzing')).toHaveLength(4 + 4 + 4 + 5);
    expect(result.findings.filter((f) => f.controle === 'bericht_ongeldig').map((f) => f.bestand)).toEqual([
      'istandaarden/ijw-3.2/JW315.xml', 'istandaarden/ijw-3.2/JW315.xml', 'istandaarden/ijw-3.2/JW318.xml',
    ]);
    expect(result.records.every((r) => r.pijler === (r.categorie === '01' ? 'WMO' : 'JW'))).toBe(true);
  }, 60_000);
});

describe('code lists keyed by standard', () => {
  it('keeps an iJw reden beëindiging from its own list and leaves out one that is not in it', async () => {
    const { createReconstructie } = await import('./reconstruct.ts');
    const { loadBerichtCodes } = await import('./codes.ts');
    const codes = loadBerichtCodes();
    const kop = (type: string) => ({ standaard: 'ijw' as const, type, gemeente: '0363', aanbieder: '12345678', dagtekening: '2026-07-01' });
    const client = { client: 'c'.repeat(32), geboortemaand: '2012-01', geslacht: '1', pc4: null, pc6: null, huishouden: null };
    const bron = (regel: number) => ({ bestand: 'jw.xml', pad: 'Bericht/Client', regel });
    const run = (reden: string) => {
      const r = createReconstructie(codes);
      r.add({ soort: 'toewijzing', kop: kop('JW301'), client, nummer: '5', categorie: '45', code: '45A01', datum: '2026-06-01', tijd: '08:00:00', ingangsdatum: '2026-07-01', einddatum: null, volume: null, eenheid: null, frequentie: null, bron: bron(1) });
      r.add({ soort: 'stop', kop: kop('JW307'), client: client.client, nummer: '5', datum: '2026-08-01', begindatum: '2026-07-01', reden, status: '1', bron: bron(2) });
      return r.finish(parsePeriode('2026Q3'));
    };
    expect(codes.naam('ijw', 'redenbeeindiging', '35')).toBe('Externe omstandigheden');
    expect(run('35').records[0]!.reden_einde).toBe('35');
    const unknown = run('99');
    expect(unknown.records[0]!.reden_einde).toBeNull();
    expect(unknown.findings).toContainEqual({ bestand: 'jw.xml', rij: 2, gegeven: 'reden_einde', kolom: 'Bericht/Client', controle: 'ongeldig', uitgesloten: false });
  });
});
