import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createKey } from '../pseudonym/wm1.ts';
import { openDatabase } from '../store/database.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { exportWithInvalidBsns } from '../testing/brokenExports.ts';
import { deliverExportFiles } from './deliverExportFiles.ts';

/*
 * A step that drops every row must refuse, naming the file and the cause, instead of writing an
 * empty delivery (or one with every client in wijk "onbekend") and reporting success.
 */

let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

async function deliver(dir: string, options: { periode?: string; exportFile?: string; areasFile?: string }) {
  const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  try {
    return await deliverExportFiles({
      db,
      key: createKey(),
      gemeente: { code: 'GM9903', naam: 'Maasvoorde' },
      periode: options.periode ?? '2026Q3',
      exports: [options.exportFile ?? fixtures.export('GM9903', '2026Q3')],
      productsFile: fixtures.products('GM9903'),
      areasFile: options.areasFile ?? fixtures.areas('GM9903'),
      out: dir,
      appVersion: 't',
    });
  } finally {
    db.close();
  }
}

describe('a delivery that would be empty is refused', () => {
  test('no voorziening in the period', async () => {
    const dir = tempDir();
    await expect(deliver(dir, { periode: '2000Q1' })).rejects.toMatchObject({
      code: 'NIETS_TE_LEVEREN',
      message: expect.stringMatching(/^Levering geweigerd: geen van de \d+ voorzieningen in 'export_2026Q3\.csv' valt in periode 2000Q1 \(2000-01-01 t\/m 2000-03-31\)\./),
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('every row excluded (no valid BSN)', async () => {
    const dir = tempDir();
    const file = exportWithInvalidBsns(fixtures.export('GM9903', '2026Q3'));
    await expect(deliver(dir, { exportFile: file })).rejects.toMatchObject({
      code: 'NIETS_TE_LEVEREN',
      message: expect.stringMatching(/^Levering geweigerd: alle \d+ rijen van 'export_ongeldig\.csv' zijn uitgesloten \(geen geldig BSN, productcode of begindatum\)/),
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an area table with only a header row', async () => {
    const dir = tempDir();
    const areas = path.join(tempDir(), 'gebieden.csv');
    writeFileSync(areas, 'postcode;wijk;wijknaam;gebied\r\n');
    await expect(deliver(dir, { areasFile: areas })).rejects.toMatchObject({
      code: 'GEBIEDSTABEL_LEEG',
      message: expect.stringMatching(/^De gebiedsindeling 'gebieden\.csv' bevat geen rijen, alleen een kopregel/),
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an area table in which no postcode of the export occurs', async () => {
    const dir = tempDir();
    const areas = path.join(tempDir(), 'gebieden-elders.csv');
    writeFileSync(areas, 'postcode;wijk;wijknaam;gebied\r\n1011;WK036301;Burgwallen;\r\n');
    await expect(deliver(dir, { areasFile: areas })).rejects.toMatchObject({
      code: 'GEEN_WIJK_GEVONDEN',
      message: expect.stringContaining("kon aan een wijk worden gekoppeld (geen enkele postcode in 'export_2026Q3.csv' staat in de gebiedsindeling)"),
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
