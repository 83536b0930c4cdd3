import path from 'node:path';
import { getGemeente, type GemeenteCode } from '../../../fixtures/gemeenten.ts';

/* What the fixture builder (a child process) and the specs share; nothing here loads the core. */

export const PERIODEN = ['2026Q2', '2026Q3'] as const;

export function naamOf(code: string): string {
  return getGemeente(code as GemeenteCode).naam;
}

/** The layout of the fixture folder `dir`; the builder and the specs both read it from here. */
export function centralFixtureLayout(dir: string) {
  const leveringen = path.join(dir, 'leveringen');
  const tweede = path.join(dir, 'herlevering');
  return {
    fixtures: path.join(dir, 'testdata'),
    leveringen,
    tweede,
    gewijzigd: path.join(dir, 'gewijzigd'),
    kapot: path.join(dir, 'GM9903_2026Q1_levering.zip'),
    levering: (gemeente: string, periode: string) => path.join(leveringen, `${gemeente}_${periode}_levering.zip`),
  };
}
