import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadAgeStrata, marginBands } from '../../benchmark/ageStrata.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { ageRangeOfLabel, finestGroups, readCbsBevolking } from './cbsBevolking.ts';
import { detectReferenceKind } from './detectReferenceKind.ts';
import { importReferenceFiles } from './importReference.ts';
import { loadReferenceResources } from './referenceResources.ts';
import { STATLINE_2024_NL, TYPED_2019_AMSTERDAM, refusal, writeTemp } from './testFiles.ts';
import { STATLINE_FILE, TYPED_FILE, statlineCsv, typedCsv } from '../../../../fixtures/cbs-03759ned.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures');
const STATLINE = path.join(FIXTURES, STATLINE_FILE);
const TYPED = path.join(FIXTURES, TYPED_FILE);

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function store(): Promise<CentralStore> {
  const s = await openCentralStore(tempDir());
  opened.push(s);
  return s;
}

/** A tiny Kerncijfers file naming the two fictional gemeenten, so the StatLine export's names can be resolved. */
const kwb2024 = () => writeTemp('kwb2024.csv', 'WijkenEnBuurten;Gemeentenaam_1;AantalInwoners_5\nGM9901;Heidebroek;43000\nGM9902;Lindewaarde;118310\n');

const bands = marginBands(loadAgeStrata());
const cells = (s: CentralStore, gemeente: string, jaar: number) =>
  s.db.prepare('SELECT geslacht, van, tot, aantal FROM cbs_bevolking WHERE gemeente = ? AND jaar = ? ORDER BY geslacht, van').all(gemeente, jaar) as { geslacht: string; van: number; tot: number | null; aantal: number }[];
/** The fixture's own total row (Totaal mannen en vrouwen, Totaal) of a gemeente. */
const statlineTotal = (naam: string) => Number(readFileSync(STATLINE, 'utf8').split(/\r?\n/).find((l) => l.startsWith(`"Totaal mannen en vrouwen";"Totaal";"${naam}"`))!.split(';').at(-1));

describe('CBS 03759ned: bevolking naar geslacht en leeftijd', () => {
  test('the committed synthetic fixtures are what their generator writes', () => {
    expect(readFileSync(STATLINE, 'utf8')).toBe(statlineCsv());
    expect(readFileSync(TYPED, 'utf8')).toBe(typedCsv());
  });

  test('recognised by its header in both shapes; the Kerncijfers files stay Kerncijfers', async () => {
    const resources = loadReferenceResources();
    expect(await detectReferenceKind(STATLINE, resources)).toBe('cbs_bevolking');
    expect(await detectReferenceKind(TYPED, resources)).toBe('cbs_bevolking');
    expect(await detectReferenceKind(STATLINE_2024_NL, resources)).toBe('cbs_kwb');
    expect(await detectReferenceKind(TYPED_2019_AMSTERDAM, resources)).toBe('cbs_kwb');
  });

  test('labels and finest groups', () => {
    expect(ageRangeOfLabel('0 jaar')).toEqual({ van: 0, tot: 0 });
    expect(ageRangeOfLabel('5 tot 10 jaar')).toEqual({ van: 5, tot: 9 });
    expect(ageRangeOfLabel('105 jaar of ouder')).toEqual({ van: 105, tot: null });
    expect(ageRangeOfLabel('Totaal')).toBe('totaal');
    expect(ageRangeOfLabel('jong')).toBeNull();
    // Singles beside their five-year group and the open 95+: the singles and 105+ are the finest.
    expect(finestGroups([{ van: 0, tot: 4 }, { van: 0, tot: 0 }, { van: 1, tot: 4 }, { van: 95, tot: null }, { van: 105, tot: null }, { van: 95, tot: 104 }])).toEqual([
      { van: 0, tot: 0 },
      { van: 1, tot: 4 },
      { van: 95, tot: 104 },
      { van: 105, tot: null },
    ]);
  });

  test('StatLine export: gemeenten by name from the loaded Kerncijfers, five-year groups, Nederland skipped; audit entry', async () => {
    const s = await store();
    await importReferenceFiles(s.db, [kwb2024()]);
    const [result] = await importReferenceFiles(s.db, [STATLINE]);
    expect([result!.status, result!.soort, result!.jaar]).toEqual(['nieuw', 'cbs_bevolking', 2024]);
    expect(result!.aantallen).toEqual({ gemeenten: 2, cellen: 80, overgeslagen: 1 });
    expect(result!.meldingen[0]).toBe('CBS-tabel 03759ned, bevolking op 1 januari naar geslacht en leeftijd, StatLine-export: 2024 (2 gemeenten); leeftijden 20 groepen: 0 tot 5 jaar, 5 tot 10 jaar … 95 jaar of ouder.');
    const heidebroek = cells(s, 'GM9901', 2024);
    expect(heidebroek).toHaveLength(40);
    expect(heidebroek.reduce((n, c) => n + c.aantal, 0)).toBe(statlineTotal('Heidebroek'));
    expect(heidebroek.at(-1)).toMatchObject({ geslacht: '2', van: 95, tot: null });
    const audit = s.db.prepare("SELECT details FROM audit_log WHERE action = 'referentie.ingelezen' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ bestand: STATLINE_FILE, soort: 'cbs_bevolking', jaar: 2024, rijen: 80, tabel: '03759ned', toegevoegd: ['GM9901', 'GM9902'] });
  });

  test('StatLine export with every dimension, against the real 2024 Kerncijfers: CBS’s region names resolve, provinces and landsdelen are skipped', async () => {
    const s = await store();
    await importReferenceFiles(s.db, [STATLINE_2024_NL]);
    // The layout of a full 03759ned selection (Burgerlijke staat and Gemiddelde bevolking included);
    // the numbers are invented. CBS names a gemeente that shares its name with a province "(gemeente)".
    const regions = ['Groningen (gemeente)', "'s-Gravenhage (gemeente)", 'Bergen (NH.)', 'Súdwest-Fryslân', 'Groningen (PV)', 'Noord-Nederland (LD)', 'Nederland'];
    const groups = [...Array.from({ length: 19 }, (_, i) => `${5 * i} tot ${5 * i + 5} jaar`), '95 jaar of ouder'];
    const lines = ['"Geslacht";"Leeftijd";"Burgerlijke staat";"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)";"Gemiddelde bevolking (aantal)"'];
    for (const regio of regions)
      for (const sex of ['Mannen', 'Vrouwen'])
        for (const [g, group] of groups.entries()) {
          lines.push(`"${sex}";"${group}";"Totaal burgerlijke staat";"${regio}";"2024";${100 + g};.`);
          lines.push(`"${sex}";"${group}";"Gehuwd";"${regio}";"2024";${g};.`);
        }
    const [result] = await importReferenceFiles(s.db, [writeTemp('synthetisch_03759ned_volledig.csv', `\uFEFF${lines.join('\r\n')}\r\n`)]);
    expect([result!.status, result!.soort, result!.jaar]).toEqual(['nieuw', 'cbs_bevolking', 2024]);
    expect(result!.aantallen).toEqual({ gemeenten: 4, cellen: 160, overgeslagen: 3 });
    for (const gemeente of ['GM0014', 'GM0518', 'GM0373', 'GM1900']) {
      const c = cells(s, gemeente, 2024);
      expect(c).toHaveLength(40);
      // Only the totals over burgerlijke staat: 2 × (100 + … + 119).
      expect(c.reduce((n, x) => n + x.aantal, 0)).toBe(2 * (20 * 100 + 190));
    }
  });

  test('typed dataset: codes, padded RegioS, single years chosen over the groups and totals; the same year again replaces per gemeente', async () => {
    const s = await store();
    const [typed] = await importReferenceFiles(s.db, [TYPED]);
    expect([typed!.status, typed!.jaar, typed!.aantallen.cellen]).toEqual(['nieuw', 2024, 2 * 2 * 106]);
    expect(typed!.meldingen[0]).toContain('typed dataset: 2024 (2 gemeenten); leeftijden 106 groepen: 0 jaar, 1 jaar … 105 jaar of ouder.');
    expect(cells(s, 'GM9902', 2024)[0]).toMatchObject({ geslacht: '1', van: 0, tot: 0 });
    // The StatLine file of the same year and gemeenten replaces both, and the typed import is gone.
    await importReferenceFiles(s.db, [kwb2024()]);
    const [again] = await importReferenceFiles(s.db, [STATLINE]);
    expect(again!.status).toBe('vervangen');
    expect(again!.meldingen.at(-1)).toMatch(/^Vervangt de bevolking naar geslacht en leeftijd 2024 van 2 gemeenten \(GM9901, GM9902\) uit synthetisch_03759ned_typeddataset\.csv \(ingelezen \d{4}-\d\d-\d\d\); daar blijft niets van over\.$/);
    expect(s.db.prepare('SELECT bestand FROM cbs_bevolking_import').pluck().all()).toEqual([STATLINE_FILE]);
    expect(cells(s, 'GM9902', 2024)).toHaveLength(40);
    // Both totals agree: the fixtures are one invented population in two shapes.
    expect(cells(s, 'GM9901', 2024).reduce((n, c) => n + c.aantal, 0)).toBe(statlineTotal('Heidebroek'));
  });

  test('a file with only one gemeente replaces that one and keeps the other', async () => {
    const s = await store();
    await importReferenceFiles(s.db, [TYPED]);
    const one = writeTemp('een.csv', `"Geslacht";"Leeftijd";"RegioS";"Perioden";"BevolkingOp1Januari_1"\n${['3000', '4000'].flatMap((g) => ['10010', ...Array.from({ length: 105 }, (_, i) => (i + 1 < 100 ? String(10000 + (i + 1) * 100) : i + 1 < 105 ? String(19901 + i + 1 - 100) : '22300'))].map((a) => `"${g}";"${a}";"GM9901";"2024JJ00";"1"`)).join('\n')}\n`);
    const [result] = await importReferenceFiles(s.db, [one]);
    expect(result!.meldingen.at(-1)).toMatch(/^Vervangt de bevolking naar geslacht en leeftijd 2024 van 1 gemeente \(GM9901\) uit synthetisch_03759ned_typeddataset\.csv .*; de andere gemeenten uit dat bestand blijven\.$/);
    expect(cells(s, 'GM9901', 2024).reduce((n, c) => n + c.aantal, 0)).toBe(212);
    expect(cells(s, 'GM9902', 2024)).toHaveLength(212);
  });

  describe('refused, naming file, row and column; the catalogue unchanged', () => {
    const header = '"Geslacht";"Leeftijd";"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"';
    const line = (sex: string, age: string, n = 10, regio = 'GM9901') => `"${sex}";"${age}";"${regio}";"2024";${n}`;
    const groups = (labels: string[], regio = 'GM9901') => ['Mannen', 'Vrouwen'].flatMap((sex) => labels.map((a) => line(sex, a, 10, regio)));

    test('a group across a band boundary of the standardisation', async () => {
      const file = writeTemp('synthetisch_03759ned_tien.csv', [header, ...groups(['0 tot 10 jaar', '10 tot 20 jaar', '20 tot 25 jaar', '25 tot 45 jaar', '45 tot 65 jaar', '65 jaar of ouder'])].join('\n'));
      const error = await refusal(readCbsBevolking(file, { gemeenteNamen: new Map(), marginBands: bands }));
      expect(error.message).toBe(
        'synthetisch_03759ned_tien.csv: rij 3, kolom "Leeftijd": de leeftijdsgroep 10 tot 20 jaar valt over de grens van 15 jaar van de leeftijdsbanden van de standaardisatie (0 tot 15 jaar, 15 tot 25 jaar, 25 tot 45 jaar, 45 tot 65 jaar, 65 jaar of ouder); kies in StatLine losse jaren of groepen van 5 jaar.',
      );
      expect(error.location).toEqual({ file: 'synthetisch_03759ned_tien.csv', row: 3, column: 'Leeftijd' });
      const s = await store();
      const [result] = await importReferenceFiles(s.db, [file]);
      expect(result!.status).toBe('geweigerd');
      expect(s.db.prepare('SELECT count(*) FROM cbs_bevolking_import').pluck().get()).toBe(0);
    });

    test('an unknown sex, a bad number and a bad year', async () => {
      const file = writeTemp('fout.csv', [header, line('Man', '0 tot 15 jaar'), line('Mannen', '0 tot 15 jaar').replace('"2024"', '"2024Q1"'), line('Vrouwen', '0 tot 15 jaar', -3)].join('\n'));
      const error = await refusal(readCbsBevolking(file, { gemeenteNamen: new Map(), marginBands: bands }));
      expect(error.message).toBe(
        'fout.csv: rij 2, kolom "Geslacht": "Man" is geen geslacht van tabel 03759ned (Mannen, Vrouwen of Totaal mannen en vrouwen); ' +
          'rij 3, kolom "Perioden": "2024Q1" is geen jaar (verwacht 2024); ' +
          'rij 4, kolom "Bevolking op 1 januari (aantal)": "-3" is geen aantal inwoners.',
      );
    });

    test('an age CBS aggregates that Wijkmonitor does not know is not used, and said; a missing age group and a missing sex refuse', async () => {
      const typed = writeTemp('code.csv', readFileSync(TYPED, 'utf8') + '"9999";"3000";"53050";"T001019";"GM9901";"2024JJ00";"5";"."\n');
      const read = await readCbsBevolking(typed, { gemeenteNamen: new Map(), marginBands: bands });
      expect(read.ongebruikteLeeftijden).toEqual(['53050']);
      expect(read.dataSets[0]!.cells).toHaveLength(2 * 2 * 106);
      const labels = writeTemp('jonger.csv', [header, ...groups(['Jonger dan 15 jaar', '15 tot 25 jaar', '25 tot 45 jaar', '45 tot 65 jaar', '65 jaar of ouder', 'jong'])].join('\n'));
      expect((await readCbsBevolking(labels, { gemeenteNamen: new Map(), marginBands: bands })).ongebruikteLeeftijden).toEqual(['jong']);
      const gap = writeTemp('gat.csv', [header, ...groups(['0 tot 15 jaar', '25 tot 45 jaar', '45 tot 65 jaar', '65 jaar of ouder'])].join('\n'));
      expect((await refusal(readCbsBevolking(gap, { gemeenteNamen: new Map(), marginBands: bands }))).message).toBe('gat.csv: rij 3, kolom "Leeftijd": GM9901 2024: de leeftijden 15 tot 25 jaar ontbreken.');
      const men = writeTemp('mannen.csv', [header, ...['0 tot 15 jaar', '15 tot 25 jaar', '25 tot 45 jaar', '45 tot 65 jaar', '65 jaar of ouder'].map((a) => line('Mannen', a))].join('\n'));
      expect((await refusal(readCbsBevolking(men, { gemeenteNamen: new Map(), marginBands: bands }))).message).toMatch(/^mannen\.csv: rij 2, kolom "Geslacht": GM9901 2024: geen aantal vrouwen van 0 tot 15 jaar; /);
    });

    test('names no loaded Kerncijfers knows: nothing to store, and the message says to load them first', async () => {
      const s = await store();
      const [result] = await importReferenceFiles(s.db, [STATLINE]);
      expect(result!.status).toBe('geweigerd');
      expect(result!.meldingen[0]).toBe(
        `${STATLINE_FILE}: het bestand bevat geen inwoners van gemeenten naar geslacht en leeftijd. De regio's (Heidebroek, Lindewaarde) zijn geen gemeente uit de ingelezen Kerncijfers: lees eerst de Kerncijfers wijken en buurten in, of exporteer met gemeentecodes.`,
      );
    });

    test('--jaar that contradicts the period column', async () => {
      const s = await store();
      const [result] = await importReferenceFiles(s.db, [TYPED], { jaar: 2023 });
      expect(result!.meldingen[0]).toBe(`${TYPED_FILE}: rij 2 is van 2024 (kolom "Perioden"), maar --jaar zegt 2023. Laat --jaar weg of kies het goede bestand.`);
    });
  });
});
