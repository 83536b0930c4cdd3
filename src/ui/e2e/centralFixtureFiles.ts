import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportFileName } from '../../../fixtures/exports.ts';
import { generateFixtures, GEMEENTE_DIALECTS } from '../../../fixtures/generate.ts';
import { records, writeTestDelivery } from '../../core/central/centralTestKit.ts';
import { deliverExportFiles } from '../../core/delivery/deliverExportFiles.ts';
import { createKey } from '../../core/pseudonym/wm1.ts';
import { openDatabase } from '../../core/store/database.ts';
import { centralFixtureLayout, naamOf, PERIODEN } from './centralFixtureLayout.ts';

/*
 * The files of centralFixtures.ts, made as the gemeente edition makes them. Run as a child
 * process of the Playwright worker (see centralFixtures.ts): the worker then never loads DuckDB,
 * better-sqlite3 or a reading thread, so whatever those do natively cannot take a browser test
 * down with it.
 */

export async function buildCentralFixtureFiles(dir: string, rows: number): Promise<void> {
  const { fixtures, leveringen, tweede, gewijzigd, kapot } = centralFixtureLayout(dir);
  await generateFixtures({ seed: 20261, rows, outDir: fixtures });
  for (const folder of [leveringen, tweede, gewijzigd]) mkdirSync(folder, { recursive: true });
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
  writeFileSync(kapot, 'Dit is geen zip-bestand.');
  // Changed after it was written: the checksums in levering.json no longer match.
  await writeTestDelivery({ gemeente: 'GM9902', naam: naamOf('GM9902'), periode: '2026Q1', records: records(6), dir: gewijzigd, tamper: (csv) => csv.replace('WMO', 'JW') });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, rows] = process.argv.slice(2);
  await buildCentralFixtureFiles(dir!, Number(rows));
}
