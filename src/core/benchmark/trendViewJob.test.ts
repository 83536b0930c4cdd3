import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { ProgressEvent } from '../../shared/api.ts';
import { records, writeTestDelivery } from '../central/centralTestKit.ts';
import { openTestCore, type TestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.core.close()));

/** Two gemeenten with a delivery of 2026Q1 and of 2026Q2 each, the same key throughout. */
async function twoQuarters(): Promise<TestCore> {
  const c = await openTestCore(tempDir('wm-trend-job-'));
  cores.push(c);
  const q1 = { begindatum: '2026-01-01', einddatum: '2026-03-31', kosten: 10 };
  const q2 = { begindatum: '2026-04-01', kosten: 20 };
  c.dialogs.queueOpen([
    await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q1', dir: tempDir(), records: records(8, q1) }),
    await writeTestDelivery({ gemeente: 'GM9901', periode: '2026Q2', dir: tempDir(), records: records(9, q2) }),
    await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q1', dir: tempDir(), records: records(7, q1, 'b') }),
    await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q2', dir: tempDir(), records: records(6, q2, 'b') }),
  ]);
  expect((await c.call('central.import', { jobId: 'intake' })).map((l) => l.uitkomst)).toEqual(['nieuw', 'nieuw', 'nieuw', 'nieuw']);
  return c;
}

/** Every folder below the data folder whose name starts with `prefix` (the trend's temporary exports). */
function leftovers(dir: string, prefix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory() && e.name.startsWith(prefix)).map((e) => e.name);
}

describe('the Benchmark trend and waterbed as jobs: progress and cancel', () => {
  test('the internal trend reports the engine’s progress per period, and a cancel stops it in Dutch, leaving no unsuppressed file', async () => {
    const c = await twoQuarters();
    const events: ProgressEvent[] = [];
    c.core.onProgress((e) => e.jobId === 'trend' && events.push(e));
    const view = await c.call('central.trendView', { ijk: '2026Q1', periode: '2026Q2', intern: true, jobId: 'trend' });
    expect(view.rijen.find((r) => r.gemeente === 'ALLE' && r.wijk === '' && r.indicator === 'clienten' && r.dimensie === '')).toMatchObject({ ijkwaarde: 15, waarde: 15 });
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(expect.arrayContaining(['cijfers van 2026Q1 berekenen (intern)', 'cijfers van 2026Q2 berekenen (intern)']));
    expect(events.filter((e) => e.phase.startsWith('cijfers van')).every((e) => typeof e.total === 'number' && e.done <= e.total!)).toBe(true);

    c.core.onProgress((e) => {
      if (e.jobId === 'gestopt' && e.phase === 'cijfers van 2026Q1 berekenen (intern)') void c.call('jobs.cancel', { id: 'gestopt' });
    });
    const cancelled = await c.core.call('central.trendView', { ijk: '2026Q1', periode: '2026Q2', intern: true, jobId: 'gestopt' });
    expect(cancelled).toEqual({ ok: false, error: { code: 'GEANNULEERD', message: 'De trend is geannuleerd; er is niets opgeslagen.' } });
    expect(leftovers(c.dataDir, 'trend-')).toEqual([]);
  });

  test('the waterbed takes a job id, says what it does, and a cancel answers in Dutch', async () => {
    const c = await twoQuarters();
    const events: ProgressEvent[] = [];
    c.core.onProgress((e) => e.jobId === 'stromen' && events.push(e));
    const view = await c.call('central.flowView', { van: '2026Q1', naar: '2026Q2', dimensie: 'pijler', intern: true, jobId: 'stromen' });
    expect(view.rijen.length).toBeGreaterThan(0);
    expect(events.map((e) => e.phase)).toEqual(['verschuivingen per cliënt tellen', 'klaar']);

    c.core.onProgress((e) => {
      if (e.jobId === 'gestopt' && e.phase === 'verschuivingen per cliënt tellen') void c.call('jobs.cancel', { id: 'gestopt' });
    });
    const cancelled = await c.core.call('central.flowView', { van: '2026Q1', naar: '2026Q2', dimensie: 'pijler', intern: true, jobId: 'gestopt' });
    expect(cancelled).toEqual({ ok: false, error: { code: 'GEANNULEERD', message: 'Het tellen van de verschuivingen is geannuleerd.' } });
  });
});
