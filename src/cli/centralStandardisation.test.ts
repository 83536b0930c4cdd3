import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { records, writeTestDelivery } from '../core/central/centralTestKit.ts';
import { TYPED_2019_AMSTERDAM, writeTemp } from '../core/central/reference/testFiles.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

const cli = (args: string[]) => runCli(args, { env: { WIJKMONITOR_DATA: tempDir() } });

describe('central export: what the standardisation says about itself', () => {
  test('the clients left out for want of age or sex per gemeente and pijler, the IPF seed, and the funnel limits in the CSV', async () => {
    const db = path.join(tempDir('wm-analist-'), 'analist');
    const q = { begindatum: '2026-07-01', wijk: 'WK036300' };
    const delivery = await writeTestDelivery({
      gemeente: 'GM0363',
      periode: '2026Q3',
      records: [...records(20, { ...q, leeftijd: 70, geslacht: '2' }), ...records(3, { ...q, leeftijd: 40, geslacht: '0' }, 'z')],
      dir: tempDir(),
    });
    expect(cli(['central', 'import', '--db', db, delivery]).code).toBe(0);
    expect(cli(['central', 'reference', '--db', db, TYPED_2019_AMSTERDAM]).code).toBe(0);
    const out = path.join(tempDir(), 'cijfers.csv');
    const exported = cli(['central', 'export', '--db', db, '--period', '2026Q3', '--intern', '--out', out]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('trechtergrenzen 95 % en 99,8 % als sr_funnel95_onder … sr_funnel998_boven.');
    // The display rule and how Jeugd's 0–17 is made of CBS's bands are said where the ratios come out.
    expect(exported.stdout).toContain('toon een sr niet bij minder dan 5 verwachte cliënten');
    expect(exported.stdout).toContain(
      'Leeftijdsbanden van de standaardisatie (× geslacht) per pijler: JW: 0-14, 15-17 (aandeel 0,3: drie van de tien jaargangen van de CBS-groep 15 tot 25 jaar, aangenomen dat die gelijk verdeeld is), 18-24 (aandeel 0,7: ',
    );
    expect(exported.stdout).toContain('; overige pijlers: 0-14, 15-24, 25-44, 45-64, 65+.\n');
    expect(exported.stdout).toContain(
      'Leeftijd × geslacht per wijk geschat met iteratieve proportionele aanpassing vanuit de tabel van de gemeente: CBS 03759ned (bevolking naar geslacht en leeftijd) waar die is ingelezen, anders leeftijd en geslacht onafhankelijk verondersteld (de Kerncijfers geven alleen de randtotalen); per gemeente staat hieronder welke.\n' +
        'Starttabel leeftijd × geslacht: geen gemeente met CBS 03759ned; onafhankelijk verondersteld (geen 03759ned ingelezen): GM0363.\n',
    );
    expect(exported.stdout).toContain('Buiten de standaardisatie (leeftijd of geslacht onbekend): GM0363 WMO 3 cliënten.');
    // One gemeente is its own reference: expected = observed = 20, sr 100. Poisson(20): P(X ≤ 11) = 0.021, P(X ≤ 12) = 0.039 → 12,
    // sr 60; P(X ≤ 28) = 0.966, P(X ≤ 29) = 0.978 → 29, sr 145.
    const csv = readFileSync(out.replace(/\.csv$/, '-intern.csv'), 'utf8');
    const value = (indicator: string) => csv.split('\r\n').find((l) => l.startsWith(`2026Q3;GM0363;;${indicator};pijler=WMO;`))?.split(';')[5];
    expect([value('verwacht'), value('sr'), value('sr_funnel95_onder'), value('sr_funnel95_boven')]).toEqual(['20', '100', '60', '145']);
  }, 120_000);

  test('with a CBS 03759ned table loaded the gemeente has a real seed, and the line names its year (the nearest to its Kerncijfers)', async () => {
    const db = path.join(tempDir('wm-analist-'), 'analist');
    const delivery = await writeTestDelivery({ gemeente: 'GM0363', periode: '2026Q3', records: records(20, { begindatum: '2026-07-01', wijk: 'WK036300', leeftijd: 70, geslacht: '2' }), dir: tempDir() });
    expect(cli(['central', 'import', '--db', db, delivery]).code).toBe(0);
    // A synthetic table (invented numbers) in the StatLine export shape; Amsterdam is resolved by name from the 2019 Kerncijfers.
    const bands = ['0 tot 15 jaar', '15 tot 25 jaar', '25 tot 45 jaar', '45 tot 65 jaar', '65 jaar of ouder'];
    const table = writeTemp('synthetisch_03759ned_amsterdam.csv', ['"Geslacht";"Leeftijd";"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"', ...bands.flatMap((b, i) => [`"Mannen";"${b}";"Amsterdam";"2024";${1000 + i}`, `"Vrouwen";"${b}";"Amsterdam";"2024";${1000 + 300 * i}`])].join('\n'));
    const loaded = cli(['central', 'reference', '--db', db, TYPED_2019_AMSTERDAM, table]);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain('nieuw      synthetisch_03759ned_amsterdam.csv (CBS bevolking naar geslacht en leeftijd 2024): 1 gemeente, 10 cellen');
    expect(cli(['central', 'reference', '--db', db, '--lijst']).stdout).toMatch(/^CBS bevolking naar geslacht en leeftijd 2024: synthetisch_03759ned_amsterdam\.csv \(10 rijen, 1 gemeente \(deelnemers: GM0363\)\), ingelezen \d{4}-\d\d-\d\d$/m);
    const out = path.join(tempDir(), 'cijfers.csv');
    const exported = cli(['central', 'export', '--db', db, '--period', '2026Q3', '--intern', '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Starttabel leeftijd × geslacht: GM0363 (03759ned 2024).\n');
  }, 120_000);
});
