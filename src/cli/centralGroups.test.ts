import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { STATLINE_2024_NL } from '../core/central/reference/testFiles.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

describe('wijkmonitor central groups', () => {
  test('writes the reference groups of the whole country from the real CBS 2024 file and says how k was chosen', () => {
    const db = tempDir();
    expect(runCli(['central', 'reference', '--db', db, STATLINE_2024_NL]).code).toBe(0);
    const out = path.join(tempDir(), 'referentiegroepen.csv');
    const result = runCli(['central', 'groups', '--db', db, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Numbers as a Dutch reader writes them: 3.367, 0,223.
    expect(result.stdout).toContain('3.367 wijken met inwoners in 342 gemeenten uit de CBS Kerncijfers 2024 (26 wijken zonder inwoners hebben geen groep).');
    expect(result.stdout).toMatch(/\d+ groepen voor de wijken vanaf 2\.500 inwoners, gekozen op het hoogste gemiddelde silhouet \(6: 0,\d{3}; 7: 0,\d{3}; /);
    expect(result.stdout).toMatch(/^2 groepen voor de wijken onder 2\.500 inwoners, op profiel en grootte, gekozen op het hoogste gemiddelde silhouet \(2: 0,\d{3}; 3: 0,\d{3}; 4: 0,\d{3}\)\.$/m);
    expect(result.stdout).toMatch(/^ {2}RG01 +\d{1,3}(\.\d{3})* wijken +\d{1,3}(\.\d{3})+ inwoners {2}\S/m);
    expect(result.stdout).toContain('Niet gebruikt: Aandeel eenpersoonshuishoudens van alle huishoudens: niet in de CBS Kerncijfers 2024');
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFwijk;gemeente;wijknaam;inwoners;referentiegroep;groepnaam;afstand\r\n')).toBe(true);
    expect(readFileSync(path.join(path.dirname(out), 'referentiegroepen-buren.csv'), 'utf8').split('\r\n')).toHaveLength(1 + 3367 * 10 + 1);
    // The small-wijk threshold is the analyst's setting, and the output says which it was.
    expect(runCli(['central', 'instellingen', '--db', db, '--kleine-wijk', '5000']).code).toBe(0);
    const again = runCli(['central', 'groups', '--db', db, '--out', out, '--groepen', '6']);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/^6 groepen \(opgegeven\) voor de wijken vanaf 5\.000 inwoners; silhouet 6: 0,\d{3}\.$/m);
    expect(again.stdout).toContain('kleine kernen (< 5.000 inwoners)');
  });

  test('bad input exits 2 with a Dutch message', () => {
    const db = tempDir();
    expect(runCli(['central', 'reference', '--db', db, '--jaar', '2030', writeKwb(db)]).code).toBe(0);
    expect(runCli(['central', 'groups', '--db', db, '--out', path.join(db, 'g.csv'), '--groepen', '20'])).toMatchObject({ code: 2, stderr: expect.stringContaining('tussen 6 en 12') });
    expect(runCli(['central', 'groups', '--db', db, '--out', path.join(db, 'g.csv'), '--groepen', 'veel'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--groepen veel is geen aantal') });
    expect(runCli(['central', 'groups', '--db', db])).toMatchObject({ code: 2, stderr: 'Fout: Optie --out is verplicht.\n' });
    // Two small wijken are not a country: groups need the whole CBS file.
    expect(runCli(['central', 'groups', '--db', db, '--out', path.join(db, 'g.csv')])).toMatchObject({ code: 2, stderr: expect.stringContaining('Er zijn maar 0 wijken met 2.500 of meer inwoners') });
    expect(runCli(['central', 'groups', '--db', tempDir(), '--out', 'g.csv'])).toMatchObject({ code: 2, stderr: expect.stringContaining('bevat geen analist-opslag') });
  });
});

function writeKwb(dir: string): string {
  const file = path.join(dir, 'kwb2030.csv');
  writeFileSync(file, 'WijkenEnBuurten;AantalInwoners_5;k_65JaarOfOuder_12\nGM9901;100;10\nWK990101;60;5\nWK990102;40;5\n');
  return file;
}
