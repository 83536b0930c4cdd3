import path from 'node:path';
import { generateFixtures, GEMEENTE_DIALECTS } from '../../../fixtures/generate.ts';
import { exportFileName } from '../../../fixtures/exports.ts';
import { tempDir } from './tempDir.ts';

export type FixtureGemeente = keyof typeof GEMEENTE_DIALECTS;

export type FixtureSet = {
  dir: string;
  export(gemeente: FixtureGemeente, periode: '2026Q2' | '2026Q3'): string;
  products(gemeente: FixtureGemeente): string;
  areas(gemeente: FixtureGemeente): string;
};

let cached: Promise<FixtureSet> | undefined;

/** The shipped synthetic gemeenten, generated once per test file into a temporary folder. */
export function fixtureSet(rows = 2000): Promise<FixtureSet> {
  cached ??= (async () => {
    const dir = tempDir('wm-fixtures-');
    await generateFixtures({ seed: 20261, rows, outDir: dir });
    return {
      dir,
      export: (gemeente, periode) => path.join(dir, gemeente, exportFileName(GEMEENTE_DIALECTS[gemeente], periode)),
      products: (gemeente) => path.join(dir, gemeente, 'producten.csv'),
      areas: (gemeente) => path.join(dir, gemeente, 'gebieden.csv'),
    };
  })();
  return cached;
}

export const FIXTURE_GEMEENTEN = Object.keys(GEMEENTE_DIALECTS) as FixtureGemeente[];
