import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { readCbsKwb, type KwbFile } from './cbsKwb.ts';
import { loadReferenceResources } from './referenceResources.ts';
import { copyAs, refusal, STATLINE_2024_NL, TYPED_2019_AMSTERDAM, writeTemp } from './testFiles.ts';

const resources = loadReferenceResources();
const value = (kwb: KwbFile, code: string, kenmerk: string) => kwb.values.find((v) => v.code === code && v.kenmerk === kenmerk)?.waarde;
const regionsOf = (kwb: KwbFile, gemeente: string, soort: string) => kwb.regions.filter((r) => r.gemeente === gemeente && r.soort === soort);

describe('CBS Kerncijfers wijken en buurten, real files', () => {
  test('2019 OData typed dataset of Amsterdam: keys matched without their suffix', async () => {
    const kwb = await readCbsKwb(TYPED_2019_AMSTERDAM, resources);
    expect(kwb.layout).toBe('typeddataset');
    expect(kwb.jaar).toEqual({ jaar: 2019, uit: 'tabel 84583NED' });
    expect(value(kwb, 'GM0363', 'inwoners')).toBe(862965);
    expect(regionsOf(kwb, 'GM0363', 'wijk')).toHaveLength(99);
    expect(regionsOf(kwb, 'GM0363', 'buurt')).toHaveLength(479);
    expect(kwb.regions.find((r) => r.code === 'GM0363')).toEqual({ code: 'GM0363', soort: 'gemeente', naam: 'Amsterdam', gemeente: 'GM0363' });
    // Padded codes are trimmed; the typed dataset names no wijk.
    expect(kwb.regions.find((r) => r.code === 'WK036300')).toEqual({ code: 'WK036300', soort: 'wijk', naam: null, gemeente: 'GM0363' });
    // Every kenmerk of the resource table is in the full typed dataset, income and stedelijkheid included.
    expect(kwb.ontbrekendeKenmerken).toEqual([]);
    expect(value(kwb, 'GM0363', 'stedelijkheid')).toBe(1);
    expect(value(kwb, 'GM0363', 'huishoudens')).toBe(470223);
    expect(value(kwb, 'GM0363', 'inkomen_per_inwoner')).toBe(31.3);
    expect(value(kwb, 'WK036300', 'leeftijd_65_plus')).toBe(405);
  });

  test('2024 StatLine table export of the whole country: columns matched by label', async () => {
    const kwb = await readCbsKwb(STATLINE_2024_NL, resources);
    expect(kwb.layout).toBe('statline');
    expect(kwb.jaar.jaar).toBe(2024);
    expect(value(kwb, 'GM0392', 'inwoners')).toBe(167636);
    expect(regionsOf(kwb, 'GM0392', 'wijk')).toHaveLength(21);
    expect(kwb.regions.filter((r) => r.soort === 'gemeente')).toHaveLength(342);
    expect(kwb.regions.filter((r) => r.soort === 'wijk')).toHaveLength(3393);
    expect(kwb.regions.filter((r) => r.soort === 'buurt')).toHaveLength(14574);
    expect(kwb.regions.find((r) => r.code === 'NL00')).toEqual({ code: 'NL00', soort: 'land', naam: 'Nederland', gemeente: null });
    expect(kwb.regions.find((r) => r.code === 'WK168000')?.naam).toBe('Wijk 00 Annen');
    // Codes with letters stay text.
    expect(kwb.regions.some((r) => r.code === 'WK0363AA')).toBe(true);
    expect(value(kwb, 'GM0392', 'mannen')! + value(kwb, 'GM0392', 'vrouwen')!).toBe(167636);
    const ages = ['leeftijd_0_15', 'leeftijd_15_25', 'leeftijd_25_45', 'leeftijd_45_65', 'leeftijd_65_plus'].map((k) => value(kwb, 'GM0392', k)!);
    expect(ages.reduce((a, b) => a + b, 0)).toBe(167636);
    // This selection has 13 columns: what it lacks is missing, never zero.
    expect(kwb.ontbrekendeKenmerken).toEqual(expect.arrayContaining(['huishoudens', 'stedelijkheid', 'inkomen_per_inwoner', 'laag_inkomen_pct']));
    expect(kwb.values.some((v) => v.kenmerk === 'huishoudens')).toBe(false);
  });

  test('a value CBS filled with "." is missing, not zero; a real 0 is kept', async () => {
    const kwb = await readCbsKwb(TYPED_2019_AMSTERDAM, resources);
    const rows = Papa.parse<Record<string, string>>(readFileSync(TYPED_2019_AMSTERDAM, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';', header: true, skipEmptyLines: true }).data;
    const dotted = rows.filter((r) => r.GemiddeldInkomenPerInwoner_72!.trim() === '.').map((r) => r.WijkenEnBuurten!.trim());
    expect(dotted.length).toBeGreaterThan(10);
    for (const code of dotted) expect(value(kwb, code, 'inkomen_per_inwoner')).toBeUndefined();
    const zero = rows.find((r) => r.AantalInwoners_5!.trim() === '0')!.WijkenEnBuurten!.trim();
    expect(value(kwb, zero, 'inwoners')).toBe(0);
    expect(kwb.ontbrekendeWaarden).toBeGreaterThanOrEqual(dotted.length);
  });
});

describe('CBS Kerncijfers: year and columns', () => {
  test('the year comes from the table id, the kwb name, or --jaar', async () => {
    const renamed = copyAs(TYPED_2019_AMSTERDAM, 'amsterdam.csv');
    await expect(readCbsKwb(renamed, resources)).rejects.toThrow(/amsterdam\.csv: het jaar staat niet in het bestand.*--jaar/);
    expect((await readCbsKwb(renamed, resources, { jaar: 2019 })).jaar).toEqual({ jaar: 2019, uit: 'opgegeven' });
    expect((await readCbsKwb(copyAs(TYPED_2019_AMSTERDAM, 'kwb2019_amsterdam.csv'), resources)).jaar).toEqual({ jaar: 2019, uit: 'bestandsnaam' });
    // A known table id cannot be wrong: a clashing --jaar is refused rather than believed.
    await expect(readCbsKwb(TYPED_2019_AMSTERDAM, resources, { jaar: 2024 })).rejects.toThrow(/hoort bij 2019 \(tabel 84583NED\), maar --jaar zegt 2024/);
  });

  test('columns are found by name, whatever their position or suffix', async () => {
    const file = writeTemp(
      'kwb2030.csv',
      '"Vrouwen_71";"AantalInwoners_3";"Codering_9";"SoortRegio_8";"WijkenEnBuurten";"Mannen_2"\n' +
        '"  50";"  100";"GM9901    ";"Gemeente  ";"GM9901    ";"  50"\n' +
        '"       .";"   40";"WK990101  ";"Wijk      ";"WK990101  ";"   20"\n',
    );
    const kwb = await readCbsKwb(file, resources);
    expect(kwb.jaar.jaar).toBe(2030);
    expect(value(kwb, 'GM9901', 'inwoners')).toBe(100);
    expect(value(kwb, 'GM9901', 'vrouwen')).toBe(50);
    expect(value(kwb, 'WK990101', 'mannen')).toBe(20);
    expect(value(kwb, 'WK990101', 'vrouwen')).toBeUndefined();
    expect(kwb.regions.map((r) => r.gemeente)).toEqual(['GM9901', 'GM9901']);
  });

  test('a StatLine label is matched without its path and unit; a decimal comma is read', async () => {
    const file = writeTemp(
      'export_2030.csv',
      '"Wijken en buurten";"Regioaanduiding/Codering (code)";"Inkomen/Inkomen van personen/Gemiddeld inkomen per inwoner (x 1 000 euro)";"Stedelijkheid/Mate van stedelijkheid (code)"\n' +
        '"Heidebroek";"GM9901    ";27,5;3\n"Wijk 01 Centrum";"WK990101  ";;"."\n',
    );
    const kwb = await readCbsKwb(file, resources);
    expect(kwb.layout).toBe('statline');
    expect(value(kwb, 'GM9901', 'inkomen_per_inwoner')).toBe(27.5);
    expect(value(kwb, 'GM9901', 'stedelijkheid')).toBe(3);
    expect(kwb.values.filter((v) => v.code === 'WK990101')).toEqual([]);
    expect(kwb.ontbrekendeWaarden).toBe(2);
    expect(kwb.regions[1]).toEqual({ code: 'WK990101', soort: 'wijk', naam: 'Wijk 01 Centrum', gemeente: 'GM9901' });
  });

  test('a label with its path tells apart columns whose last part is the same', async () => {
    const header = '"Regioaanduiding/Codering (code)";"Bevolking/Geslacht/Mannen (aantal)";"Uitkeringen/Bijstand/Mannen (aantal)"\n';
    const file = writeTemp('kwb2030.csv', `${header}"GM9901";10;2\n`);
    await expect(readCbsKwb(file, resources)).rejects.toThrow(/"Bevolking\/Geslacht\/Mannen \(aantal\)" en "Uitkeringen\/Bijstand\/Mannen \(aantal\)" passen allebei bij kenmerk mannen/);
    const precise = { ...resources, kenmerken: resources.kenmerken.map((k) => (k.naam === 'mannen' ? { ...k, labels: ['Geslacht/Mannen'] } : k)) };
    const kwb = await readCbsKwb(file, precise);
    expect(value(kwb, 'GM9901', 'mannen')).toBe(10);
  });

  test('bad values are refused naming file, row and column; nothing is guessed', async () => {
    const file = writeTemp('kwb2030.csv', 'WijkenEnBuurten;AantalInwoners_5;SoortRegio_2\nGM9901;12a;Gemeente\nXX12;5;Wijk\nWK990101;5;Buurt\nGM9901;1;Gemeente\n');
    const error = await refusal(readCbsKwb(file, resources));
    expect(error.message).toContain('kwb2030.csv: rij 2, kolom "AantalInwoners_5": "12a" is geen getal');
    expect(error.message).toContain('rij 3, kolom "WijkenEnBuurten": "XX12" is geen CBS-regiocode');
    expect(error.message).toContain('rij 4, kolom "SoortRegio_2": soort regio "Buurt" past niet bij code WK990101');
    expect(error.message).toContain('rij 5, kolom "WijkenEnBuurten": regio GM9901 staat ook in rij 2');
    expect(error.location).toEqual({ file: 'kwb2030.csv', row: 2, column: 'AantalInwoners_5' });
  });

  test('two columns that fit one kenmerk are refused, not picked from', async () => {
    const file = writeTemp('kwb2030.csv', 'WijkenEnBuurten;AantalInwoners_5;AantalInwoners_77\nGM9901;1;2\n');
    await expect(readCbsKwb(file, resources)).rejects.toThrow(/"AantalInwoners_5" en "AantalInwoners_77" passen allebei bij kenmerk inwoners/);
  });

  test('a StatLine export saved as Windows-1252 keeps its names', async () => {
    const text = '"Wijken en buurten";"Regioaanduiding/Gemeentenaam (naam)";"Regioaanduiding/Codering (code)";"Bevolking/Aantal inwoners (aantal)"\r\n' +
      '"Súdwest-Fryslân";"Súdwest-Fryslân";"GM1900    ";90000\r\n"’t Zandt";"Súdwest-Fryslân";"WK190001  ";500\r\n';
    // U+2019 is 0x92 in Windows-1252; the other letters are the same bytes as in Latin-1.
    const bytes = Buffer.from(text.replace('’', '\u0092'), 'latin1');
    const kwb = await readCbsKwb(writeTemp('kwb2030.csv', bytes), resources);
    expect(kwb.regions.map((r) => r.naam)).toEqual(['Súdwest-Fryslân', '’t Zandt']);
  });

  test('a file without a region code column is no KWB file', async () => {
    const file = writeTemp('kwb2030.csv', 'Regio;Inwoners\nGM9901;1\n');
    await expect(readCbsKwb(file, resources)).rejects.toThrow(/geen kolom met de regiocode/);
  });
});
