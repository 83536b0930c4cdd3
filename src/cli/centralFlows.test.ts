import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { rec, writeTestDelivery } from '../core/central/centralTestKit.ts';
import { tempDir } from '../core/testing/tempDir.ts';
import { runCli } from './testing/runCli.ts';

describe('wijkmonitor central flows and central trends', () => {
  test('writes the internal flow table between two quarters; without --intern it refuses', async () => {
    const db = tempDir();
    const files = [
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q1', dir: tempDir(), records: [rec({ client: 'c1', begindatum: '2026-01-01', einddatum: '2026-03-31' })] }),
      await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: [rec({ client: 'c1', pijler: 'JW', voorziening: 'JW-45', begindatum: '2026-04-01' })] }),
    ];
    expect(runCli(['central', 'import', '--db', db, ...files]).code).toBe(0);
    const out = path.join(tempDir(), 'verschuivingen.csv');
    const refused = runCli(['central', 'flows', '--db', db, '--from', '2026Q1', '--to', '2026Q2', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--intern');
    const result = runCli(['central', 'flows', '--db', db, '--from', '2026Q1', '--to', '2026Q2', '--out', out, '--intern']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('voor GM9901.');
    const csv = readFileSync(out.replace(/\.csv$/, '-intern.csv'), 'utf8').split('\r\n');
    expect(csv.slice(0, 3)).toEqual(['\uFEFFvan_periode;naar_periode;gemeente;wijk;indeling;van;naar;clienten', '2026Q1;2026Q2;GM9901;;pijler;WMO;JW;1', '2026Q1;2026Q2;GM9901;WK990101;pijler;WMO;JW;1']);
    const trend = runCli(['central', 'trends', '--db', db, '--base', '2026Q1', '--period', '2026Q2', '--out', path.join(path.dirname(out), 'trend.csv'), '--intern']);
    expect(trend.stderr).toBe('');
    expect(trend.stdout).toContain('tegen ijkperiode 2026Q1, voor GM9901.');
    expect(readFileSync(path.join(path.dirname(out), 'trend-intern.csv'), 'utf8')).toContain('\r\n2026Q1;2026Q2;GM9901;;clienten;;1;1;0;100\r\n');
    expect(runCli(['central', 'flows', '--db', db, '--from', '2026Q1', '--to', '2026Q2', '--out', out, '--intern', '--by', 'product'])).toMatchObject({ code: 2, stderr: expect.stringContaining('kies pijler, voorziening of leefdomein') });
  });
});
