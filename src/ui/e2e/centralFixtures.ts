import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getGemeente, type GemeenteCode } from '../../../fixtures/gemeenten.ts';
import { centralFixtureLayout, naamOf, PERIODEN } from './centralFixtureLayout.ts';
import { test } from './harnessFixture.ts';

export { naamOf, PERIODEN };

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

/**
 * Deliveries of the three fixture gemeenten, made as the gemeente edition makes them (exports →
 * pseudonymised zip, each gemeente with its own key), once before the spec file's tests.
 */
export function centralFixtures(rows = 200): CentralFixtures {
  const dir = mkdtempSync(path.join(tmpdir(), 'wm-e2e-central-'));
  const { fixtures, tweede, gewijzigd, kapot, levering } = centralFixtureLayout(dir);
  // fullyParallel runs beforeAll again for every test a worker takes: build the files once per worker.
  let built: Promise<void> | null = null;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    await (built ??= buildInChild(dir, rows));
  });
  const cbs = path.resolve(import.meta.dirname, '../../../fixtures/cbs');
  return {
    levering,
    herlevering: path.join(tweede, 'GM9901_2026Q3_levering.zip'),
    nieuweSleutel: path.join(tweede, 'GM9902_2026Q3_levering.zip'),
    kapot,
    gewijzigd: path.join(gewijzigd, 'GM9902_2026Q1_levering.zip'),
    cbsEcht: path.join(cbs, 'kwb2024_85984NED_statline-export_NL.csv'),
    cbsFixture: path.join(fixtures, 'cbs', 'kerncijfers_wijken_buurten_2024.csv'),
    geojson: path.join(fixtures, 'geo', 'wijken.geojson'),
    pc6: path.join(fixtures, 'cbs', 'pc6hnr20240801_gwb.csv'),
  };
}

/** The fixture gemeente's wijk codes, as its deliveries name them. */
export function wijkenOf(code: string): string[] {
  return getGemeente(code as GemeenteCode).wijken.map((w) => w.code);
}

/**
 * Builds the files in a child process (centralFixtureFiles.ts). Node has known crashes when worker
 * threads start and stop beside native addons (nodejs/node#56312); the CI saw a SIGSEGV take down
 * the Playwright worker of a spec that made these files in-process. A child killed by a signal is
 * therefore run once more, on an emptied folder, and says so; a child that fails with an exit
 * code (a real error in the code) fails the spec at once with its output.
 */
async function buildInChild(dir: string, rows: number): Promise<void> {
  const script = path.join(import.meta.dirname, 'centralFixtureFiles.ts');
  for (let attempt = 1; ; attempt++) {
    const { code, signal, output } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [script, dir, String(rows)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk));
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve({ code, signal, output }));
    });
    if (code === 0) return;
    if (signal === null || attempt === 2) throw new Error(`De testbestanden van de analistenversie zijn niet gemaakt (exitcode ${code}, signaal ${signal}):\n${output}`);
    process.stderr.write(`centralFixtures: het maken van de testbestanden stopte met ${signal}; één nieuwe poging.\n`);
    for (const entry of ['testdata', 'leveringen', 'herlevering', 'gewijzigd', 'gemeente.sqlite', 'gemeente.sqlite-wal', 'gemeente.sqlite-shm', 'GM9903_2026Q1_levering.zip']) rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}
