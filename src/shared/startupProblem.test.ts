import { describe, expect, test } from 'vitest';
import { startupProblem } from './startupProblem.ts';

describe('startupProblem', () => {
  test('corrupt, locked, read-only and too-new databases each get their own title', () => {
    const codes = ['DATABASE_BESCHADIGD', 'DATABASE_VERGRENDELD', 'GEGEVENSMAP_IN_GEBRUIK', 'DATABASE_ALLEEN_LEZEN', 'DATABASE_TE_NIEUW', 'DATABASE_NIET_TE_OPENEN'];
    const titles = codes.map((code) => startupProblem(code).titel);
    expect(new Set(titles).size).toBe(codes.length);
    expect(startupProblem('DATABASE_BESCHADIGD').titel).toBe('De database is beschadigd');
    expect(startupProblem('DATABASE_VERGRENDELD').titel).toBe('De database is in gebruik door een ander proces');
    expect(startupProblem('DATABASE_ALLEEN_LEZEN').titel).toBe('De database is alleen-lezen');
    expect(startupProblem('DATABASE_TE_NIEUW').titel).toBe('De database is van een nieuwere versie');
  });

  test('anything else gets the general title', () => {
    expect(startupProblem('INTERNE_FOUT').titel).toBe('Er ging iets mis bij het starten');
    expect(startupProblem(undefined).titel).toBe('Er ging iets mis bij het starten');
    expect(startupProblem('toString').titel).toBe('Er ging iets mis bij het starten');
  });
});
