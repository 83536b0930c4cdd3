import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { records, writeTestDelivery } from '../core/central/centralTestKit.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

const cli = (args: string[]) => runCli(args, { env: { WIJKMONITOR_DATA: tempDir() } });

describe('wijkmonitor central pack --ijkperiode', () => {
  test('a wrong ijkperiode is exit 2 before anything is made; the choice is stored for the release', { timeout: 300_000 }, async () => {
    const db = path.join(tempDir('wm-analist-'), 'analist');
    const q3 = await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q3', records: records(30), dir: tempDir() });
    expect(cli(['central', 'import', '--db', db, q3]).code).toBe(0);
    expect(cli(['central', 'approve', '--db', db, '--gemeente', 'GM9901', '--period', '2026Q3', '--door', 'test']).code).toBe(0);
    const out = tempDir('wm-pakketten-');

    const later = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--ijkperiode', '2026Q4', '--out', out]);
    expect([later.code, later.stderr]).toEqual([2, expect.stringContaining('De ijkperiode 2026Q4 moet vóór 2026Q3 liggen.')]);
    const year = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--ijkperiode', '2025', '--out', out]);
    expect([year.code, year.stderr]).toEqual([2, expect.stringContaining('niet even lang')]);
    expect(readdirSync(out)).toEqual([]);

    const none = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--ijkperiode', 'geen', '--out', out]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('GM9901 (voorlopig, geen ijkperiode): GM9901_2026Q3_pakket.xlsx');
    expect(none.stdout).toContain('Geen ijkperiode: voor deze release is gekozen niet met een eerdere periode te vergelijken.');
    // Stored for the release: the next pack without the option keeps it.
    const kept = cli(['central', 'pack', '--db', db, '--period', '2026Q3', '--out', tempDir()]);
    expect([kept.code, kept.stdout]).toEqual([0, expect.stringContaining('GM9901 (voorlopig, geen ijkperiode)')]);
  });
});
