import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ProgressEvent } from '../../shared/api.ts';
import { STATLINE_2024_NL } from '../central/reference/testFiles.ts';
import { CATALOGUE_FILE, openCentralStore } from '../central/store/centralStore.ts';
import { importReferenceFiles } from '../central/reference/importReference.ts';
import { openTestCore, type TestCore } from '../testing/testCore.ts';
import { tempDir } from '../testing/tempDir.ts';
import { referenceGroups, referenceGroupsJob } from './referenceGroups.ts';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.core.close()));

describe('reference groups as a job (real CBS 2024 file)', () => {
  test('step by step it finds the same groups as straight through, and reports Ward, each k and the peers', async () => {
    const store = await openCentralStore(tempDir());
    await importReferenceFiles(store.db, [STATLINE_2024_NL]);
    const steps: string[] = [];
    const job = await referenceGroupsJob(store.db, {}, { onStep: (s) => steps.push(`${s.phase} ${s.done}/${s.total}`), signal: new AbortController().signal });
    expect(job).toEqual(referenceGroups(store.db));
    expect(steps.slice(0, 3)).toEqual(['grote wijken: boom van Ward 0/8', 'grote wijken: 6 groepen proberen 1/8', 'grote wijken: 7 groepen proberen 2/8']);
    expect(steps).toContain('grote wijken: 12 groepen proberen 7/8');
    expect(steps.at(-1)).toBe('de 10 meest gelijkende wijken per wijk 0/1');
    store.close();
  }, 60_000);

  test('Referentiegroepen: a cancel during the clustering answers in Dutch and stores no groups', async () => {
    const c = await openTestCore(tempDir('wm-groepen-job-'));
    cores.push(c);
    c.dialogs.queueOpen([STATLINE_2024_NL]);
    await c.call('central.reference', {});
    const events: ProgressEvent[] = [];
    c.core.onProgress((e) => {
      events.push(e);
      if (e.jobId === 'groepen' && e.phase.endsWith('7 groepen proberen')) void c.call('jobs.cancel', { id: 'groepen' });
    });
    const cancelled = await c.core.call('central.groupsView', { jobId: 'groepen' });
    expect(cancelled).toEqual({ ok: false, error: { code: 'GEANNULEERD', message: 'Het berekenen van de referentiegroepen is geannuleerd; er is niets opgeslagen.' } });
    // Stopped at the next step: k = 8 was never tried.
    expect(events.map((e) => e.phase)).not.toContain('referentiegroepen berekenen: grote wijken: 8 groepen proberen');
    const stored = () => {
      const db = new Database(path.join(c.dataDir, CATALOGUE_FILE), { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM referentiegroep').pluck().get();
      } finally {
        db.close();
      }
    };
    expect(stored()).toBe(0);
    const view = await c.call('central.groupsView', { jobId: 'opnieuw' });
    expect(stored()).toBe(view.groepen.length);
    expect(view.groepen.length).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
