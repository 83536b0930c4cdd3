import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { records, writeTestDelivery } from '../core/central/centralTestKit.ts';
import { TYPED_2019_AMSTERDAM } from '../core/central/reference/testFiles.ts';
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
    expect(exported.stdout).toContain('Leeftijd × geslacht per wijk geschat met iteratieve proportionele aanpassing vanuit de tabel van de gemeente; CBS Kerncijfers geven ook voor gemeenten en Nederland alleen de randtotalen, dus leeftijd en geslacht zijn onafhankelijk verondersteld.');
    expect(exported.stdout).toContain('Buiten de standaardisatie (leeftijd of geslacht onbekend): GM0363 WMO 3 cliënten.');
    // One gemeente is its own reference: expected = observed = 20, sr 100. Poisson(20): P(X ≤ 11) = 0.021, P(X ≤ 12) = 0.039 → 12,
    // sr 60; P(X ≤ 28) = 0.966, P(X ≤ 29) = 0.978 → 29, sr 145.
    const csv = readFileSync(out.replace(/\.csv$/, '-intern.csv'), 'utf8');
    const value = (indicator: string) => csv.split('\r\n').find((l) => l.startsWith(`2026Q3;GM0363;;${indicator};pijler=WMO;`))?.split(';')[5];
    expect([value('verwacht'), value('sr'), value('sr_funnel95_onder'), value('sr_funnel95_boven')]).toEqual(['20', '100', '60', '145']);
  }, 120_000);
});
