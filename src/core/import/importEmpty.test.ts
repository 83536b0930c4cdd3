import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { openDatabase } from '../store/database.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { exportWithInvalidBsns } from '../testing/brokenExports.ts';
import { importBatch } from './importBatch.ts';
import { prepareExport } from './prepareExport.ts';
import { loadRecordParsers } from './recordParsers.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

test('an import that excludes every row is refused, names the file and stores nothing', async () => {
  const file = exportWithInvalidBsns(fixtures.export('GM9903', '2026Q3'));
  const prepared = await prepareExport(file, { ref, parsers });
  const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 't', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal } as const;
  await expect(importBatch(db, { prepared, periode: parsePeriode('2026Q3'), profile, pseudonymiser: createPseudonymiser(createKey()), parsers })).rejects.toMatchObject({
    code: 'ALLES_UITGESLOTEN',
    location: { file: 'export_ongeldig.csv' },
    message: expect.stringMatching(/^Alle \d+ rijen van export_ongeldig\.csv zijn uitgesloten/),
  });
  expect(db.prepare('SELECT count(*) FROM import_batch').pluck().get()).toBe(0);
  expect(db.prepare('SELECT count(*) FROM voorziening').pluck().get()).toBe(0);
  db.close();
});
