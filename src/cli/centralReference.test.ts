import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { STATLINE_2024_NL, TYPED_2019_AMSTERDAM } from '../core/central/reference/testFiles.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';


const cli = (args: string[]) => runCli(args);

describe('wijkmonitor central reference and central areas', () => {
  test('reads both real CBS layouts and reports counts; again they replace', () => {
    const db = tempDir();
    const first = cli(['central', 'reference', '--db', db, TYPED_2019_AMSTERDAM, STATLINE_2024_NL]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("nieuw      kwb2019_84583NED_typeddataset_GM0363.csv (CBS Kerncijfers 2019): 579 regio's, 1 gemeente, 99 wijken, 479 buurten");
    expect(first.stdout).toContain("nieuw      kwb2024_85984NED_statline-export_NL.csv (CBS Kerncijfers 2024): 18.310 regio's, 342 gemeenten, 3.393 wijken");
    expect(first.stdout).toContain('2 bestanden: 2 ingelezen, 0 geweigerd.');
    const again = cli(['central', 'reference', '--db', db, TYPED_2019_AMSTERDAM]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^vervangen  kwb2019_84583NED/);
  });

  test('Kerncijfers files of one year combine by gemeente; the line says what was replaced and added', () => {
    const db = tempDir();
    const file = (name: string, rows: string) => {
      const f = path.join(tempDir(), name);
      writeFileSync(f, `WijkenEnBuurten;AantalInwoners_5\n${rows}`);
      return f;
    };
    expect(cli(['central', 'reference', '--db', db, file('kwb2030_a.csv', 'GM9901;30\nWK990101;30\nGM9902;40\nWK990201;40\n')]).code).toBe(0);
    const added = cli(['central', 'reference', '--db', db, file('kwb2030_b.csv', 'GM9903;50\nWK990301;50\n')]);
    expect(added.stdout).toContain('nieuw      kwb2030_b.csv (CBS Kerncijfers 2030)');
    expect(added.stdout).toContain('  Voegt 1 gemeente toe aan 2030 (GM9903).\n');
    const replaced = cli(['central', 'reference', '--db', db, file('kwb2030_c.csv', 'GM9902;45\nWK990201;45\n')]);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/^vervangen  kwb2030_c\.csv/);
    expect(replaced.stdout).toMatch(/  Vervangt de cijfers van 1 gemeente \(GM9902\) uit kwb2030_a\.csv \(ingelezen \d{4}-\d\d-\d\d\); de andere gemeenten uit dat bestand blijven\.\n/);
    const listed = cli(['central', 'reference', '--db', db, '--lijst']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n').filter((l) => l !== '').map((l) => l.replace(/, ingelezen .*$/, ''))).toEqual([
      'CBS Kerncijfers 2030: kwb2030_a.csv (4 rijen, 1 gemeente)',
      'CBS Kerncijfers 2030: kwb2030_b.csv (2 rijen, 1 gemeente)',
      'CBS Kerncijfers 2030: kwb2030_c.csv (2 rijen, 1 gemeente)',
    ]);
  });

  test('a refused file exits 2 with its reason on stderr; the good one still goes in', () => {
    const db = tempDir();
    const bad = path.join(tempDir(), 'kwb2030.csv');
    writeFileSync(bad, 'WijkenEnBuurten;AantalInwoners_5\nGM9901;100\nWK990101;x\n');
    const result = cli(['central', 'reference', '--db', db, '--jaar', '2019', bad, TYPED_2019_AMSTERDAM]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('geweigerd  kwb2030.csv\n  kwb2030.csv: rij 3, kolom "AantalInwoners_5": "x" is geen getal');
    expect(result.stdout).toContain('nieuw      kwb2019_84583NED_typeddataset_GM0363.csv');
    expect(result.stdout).toContain('2 bestanden: 1 ingelezen, 1 geweigerd.');
  });

  test('missing or wrong options exit 2 with a Dutch message', () => {
    expect(cli(['central', 'reference', TYPED_2019_AMSTERDAM])).toMatchObject({ code: 2, stderr: 'Fout: Geef met --db de map van de analist-opslag op.\n' });
    expect(cli(['central', 'reference', '--db', tempDir()])).toMatchObject({ code: 2, stderr: 'Fout: Geef minstens één bestand met referentiegegevens op (of --lijst om te zien wat er is ingelezen).\n' });
    expect(cli(['central', 'reference', '--db', tempDir(), '--jaar', 'vorig', TYPED_2019_AMSTERDAM])).toMatchObject({ code: 2, stderr: 'Fout: --jaar vorig is geen jaartal (bijvoorbeeld 2024).\n' });
    const empty = tempDir();
    const areas = cli(['central', 'areas', '--db', empty, '--gemeente', 'GM0392', '--out', path.join(empty, 'g.csv')]);
    expect(areas.code).toBe(2);
    expect(areas.stderr).toContain('bevat geen analist-opslag');
    expect(cli(['central', 'areas', '--db', empty, '--gemeente', '392', '--out', 'g.csv']).stderr).toContain('--gemeente een CBS-gemeentecode');
  });

  test('central areas writes the gemeente’s area table per PC6 with the wijk names of the Kerncijfers', () => {
    const db = tempDir();
    const pc6 = path.join(tempDir(), 'pc6hnr20240801_gwb.csv');
    // Invented postcodes in real Haarlem wijken; 2011AA has one address in each of two wijken.
    writeFileSync(pc6, 'PC6,Huisnummer,Buurt2024,Wijk2024,Gemeente2024\n2011AA,1,3920100,39201,392\n2011AA,2,3920200,39202,392\n2011AB,1,3920200,39202,392\n2011AB,3,3920200,39202,392\n');
    expect(cli(['central', 'reference', '--db', db, pc6, STATLINE_2024_NL]).code).toBe(0);
    const out = path.join(db, 'gebieden.csv');
    const result = cli(['central', 'areas', '--db', db, '--gemeente', 'GM0392', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Gebiedstabel geschreven: ${out}\n2 postcodes (PC6) van GM0392, CBS-postcodebestand 2024.\n1 postcodes liggen in meer dan één wijk; ze staan bij de wijk met de meeste adressen.\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFpostcode;wijk;wijknaam;gebied\r\n2011AA;WK039201;Oude Stad;\r\n2011AB;WK039202;Haarlemmerhoutkwartier;\r\n');
    const none = cli(['central', 'areas', '--db', db, '--gemeente', 'GM0363', '--out', path.join(db, 'ams.csv')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('geen CBS-postcodebestand ingelezen met adressen in GM0363');
    expect(existsSync(path.join(db, 'ams.csv'))).toBe(false);
  });
});
