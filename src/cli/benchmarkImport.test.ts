import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { noIjk } from '../core/pack/ijkperiode.ts';
import type { PackInput } from '../core/pack/packInput.ts';
import type { ReleaseRow } from '../core/pack/releaseRows.ts';
import { writeBenchmarkZip } from '../core/pack/writeBenchmarkZip.ts';
import { setGemeente } from '../core/settings/settings.ts';
import { openDatabase } from '../core/store/database.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

/* `wijkmonitor benchmark import` (gemeente edition): the analyst's file verified and stored, or exit 2 in Dutch. */

const row = (gemeente: string, wijk: string, waarde: number | null): ReleaseRow => ({ periode: '2026Q3', gemeente, wijk, indicator: 'clienten', dimensie: '', waarde, status: waarde === null ? 'onderdrukt' : 'ok' });

const input: PackInput = {
  periode: '2026Q3',
  gemeente: { code: 'GM9903', naam: 'Maasvoorde' },
  setting: { status: 'definitief', toelichting: 'Tweede release.' },
  aangemaakt: '2026-11-30T10:00:00.000Z',
  cbsJaar: 2024,
  ijk: noIjk([]),
  release: [row('GM9903', '', 120), row('GM9903', 'WK990301', 70), row('GM9903', 'WK990302', null), row('ALLE', '', 900), row('', 'RG01', 300)],
  wijken: [{ code: 'WK990301', naam: 'Centrum', inwoners: 7000, groep: 'RG01', afstand: 0.5 }, { code: 'WK990302', naam: 'Dorp', inwoners: 1000, groep: null, afstand: null }],
  groepen: [{ code: 'RG01', naam: 'stedelijk, veel ouderen', wijken: 12, inwoners: 80000 }],
  profiel: new Map(),
};

async function gemeenteDir(code: string | null): Promise<string> {
  const dir = tempDir('wm-gemeente-');
  const db = await openDatabase(path.join(dir, 'wijkmonitor.sqlite'));
  if (code) setGemeente(db, code, 'Maasvoorde');
  db.close();
  return dir;
}

describe('wijkmonitor benchmark import', () => {
  test('stores the file and says what it holds; another gemeente, no gemeente set, no file: exit 2 in Dutch', { timeout: 120_000 }, async () => {
    const file = path.join(tempDir(), 'GM9903_2026Q3_benchmark.zip');
    await writeBenchmarkZip(file, input);

    const ok = runCli(['benchmark', 'import', '--data', await gemeenteDir('GM9903'), file]);
    expect([ok.code, ok.stdout]).toEqual([0, 'Benchmark ingelezen: GM9903 2026Q3 (definitief), centrale release van 30 november 2026: 5 cijfers, 2 wijken.\nZie Overzicht › Benchmark in de app.\n']);

    const other = runCli(['benchmark', 'import', '--data', await gemeenteDir('GM9901'), file]);
    expect([other.code, other.stderr]).toEqual([2, expect.stringContaining('GM9903_2026Q3_benchmark.zip: dit benchmarkbestand is voor GM9903, niet voor deze gemeente (GM9901).')]);
    const unset = runCli(['benchmark', 'import', '--data', await gemeenteDir(null), file]);
    expect([unset.code, unset.stderr]).toEqual([2, expect.stringContaining('Stel eerst onder Instellingen in welke gemeente dit is')]);
    const none = runCli(['benchmark', 'import', '--data', await gemeenteDir('GM9903')]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('Geef precies één benchmarkbestand (…_benchmark.zip) op.')]);
  });
});
