import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportFileName } from '../../../fixtures/exports.ts';
import { generateFixtures, GEMEENTE_DIALECTS } from '../../../fixtures/generate.ts';
import { getGemeente, type GemeenteCode } from '../../../fixtures/gemeenten.ts';
import { records, writeTestDelivery } from '../../core/central/centralTestKit.ts';
import { deliverExportFiles } from '../../core/delivery/deliverExportFiles.ts';
import { createKey } from '../../core/pseudonym/wm1.ts';
import { openDatabase } from '../../core/store/database.ts';
import { test } from './harnessFixture.ts';

export type CentralFixtures = {
  /** Per gemeente (GM9901…GM9903) and period (2026Q2, 2026Q3) the delivery zip. */
  levering(gemeente: string, periode: string): string;
  /** GM9901 2026Q3 delivered again a day later (the same exports): version 2. */
  herlevering: string;
  /** GM9902 2026Q3 delivered again with a new key (the gemeente lost its key): version 2, key changed. */
  nieuweSleutel: string;
  /** Not a zip at all, named as a delivery: refused with a reason. */
  kapot: string;
  /** GM9902 2026Q1 whose voorzieningen.csv differs from what its manifest says: refused, in the matrix. */
  gewijzigd: string;
  /** The real CBS Kerncijfers 2024 (StatLine export, all of the Netherlands), as CBS wrote it. */
  cbsEcht: string;
  /** The fixtures' synthetic Kerncijfers 2024 of the fictional gemeenten, their map and postcodes. */
  cbsFixture: string;
  geojson: string;
  pc6: string;
};

export const PERIODEN = ['2026Q2', '2026Q3'] as const;

/**
 * Deliveries of the three fixture gemeenten, made as the gemeente edition makes them (exports →
 * pseudonymised zip, each gemeente with its own key), once before the spec file's tests.
 */
export function centralFixtures(rows = 200): CentralFixtures {
  const dir = mkdtempSync(path.join(tmpdir(), 'wm-e2e-central-'));
  const fixtures = path.join(dir, 'testdata');
  const leveringen = path.join(dir, 'leveringen');
  const tweede = path.join(dir, 'herlevering');
  const levering = (gemeente: string, periode: string) => path.join(leveringen, `${gemeente}_${periode}_levering.zip`);
  // fullyParallel runs beforeAll again for every test a worker takes: build the files once per worker.
  let built: Promise<void> | null = null;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    await (built ??= build());
  });
  const build = async () => {
    await generateFixtures({ seed: 20261, rows, outDir: fixtures });
    for (const folder of [leveringen, tweede, path.join(dir, 'gewijzigd')]) mkdirSync(folder, { recursive: true });
    const db = await openDatabase(path.join(dir, 'gemeente.sqlite'));
    try {
      for (const [code, dialect] of Object.entries(GEMEENTE_DIALECTS)) {
        const key = createKey();
        const gemeenteDir = path.join(fixtures, code);
        const deliver = (periode: (typeof PERIODEN)[number], out: string, now: Date, withKey = key) =>
          deliverExportFiles({
            db,
            key: withKey,
            gemeente: { code, naam: naamOf(code) },
            periode,
            exports: [path.join(gemeenteDir, exportFileName(dialect, periode))],
            productsFile: path.join(gemeenteDir, 'producten.csv'),
            areasFile: path.join(gemeenteDir, 'gebieden.csv'),
            out,
            appVersion: 'e2e',
            now,
          });
        for (const periode of PERIODEN) await deliver(periode, leveringen, new Date('2026-10-05T10:00:00Z'));
        if (code === 'GM9901') await deliver('2026Q3', tweede, new Date('2026-10-06T10:00:00Z'));
        if (code === 'GM9902') await deliver('2026Q3', tweede, new Date('2026-10-07T10:00:00Z'), createKey());
      }
    } finally {
      db.close();
    }
    writeFileSync(path.join(dir, 'GM9903_2026Q1_levering.zip'), 'Dit is geen zip-bestand.');
    // Changed after it was written: the checksums in levering.json no longer match.
    await writeTestDelivery({ gemeente: 'GM9902', naam: naamOf('GM9902'), periode: '2026Q1', records: records(6), dir: path.join(dir, 'gewijzigd'), tamper: (csv) => csv.replace('WMO', 'JW') });
  };
  const cbs = path.resolve(import.meta.dirname, '../../../fixtures/cbs');
  return {
    levering,
    herlevering: path.join(tweede, 'GM9901_2026Q3_levering.zip'),
    nieuweSleutel: path.join(tweede, 'GM9902_2026Q3_levering.zip'),
    kapot: path.join(dir, 'GM9903_2026Q1_levering.zip'),
    gewijzigd: path.join(dir, 'gewijzigd', 'GM9902_2026Q1_levering.zip'),
    cbsEcht: path.join(cbs, 'kwb2024_85984NED_statline-export_NL.csv'),
    cbsFixture: path.join(fixtures, 'cbs', 'kerncijfers_wijken_buurten_2024.csv'),
    geojson: path.join(fixtures, 'geo', 'wijken.geojson'),
    pc6: path.join(fixtures, 'cbs', 'pc6hnr20240801_gwb.csv'),
  };
}

export function naamOf(code: string): string {
  return getGemeente(code as GemeenteCode).naam;
}

/** The fixture gemeente's wijk codes, as its deliveries name them. */
export function wijkenOf(code: string): string[] {
  return getGemeente(code as GemeenteCode).wijken.map((w) => w.code);
}
