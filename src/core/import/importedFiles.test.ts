import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { listActions } from '../audit/auditLog.ts';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { openDatabase } from '../store/database.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { importBatch } from './importBatch.ts';
import { listImportedFiles, removeImportedFile } from './importedFiles.ts';
import type { MappingProfile } from './mapping/profile.ts';
import { prepareExport } from './prepareExport.ts';
import { loadRecordParsers } from './recordParsers.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

describe('undoing an import', () => {
  test('lists the import, removes it with its records and findings and an audit entry, and the file can be read again', async () => {
    const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
    const pseudonymiser = createPseudonymiser(createKey());
    const prepared = await prepareExport(fixtures.export('GM9903', '2026Q3'), { ref, parsers });
    const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'Suite kwartaal', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal } as MappingProfile;
    const read = () => importBatch(db, { prepared, periode: parsePeriode('2026Q2'), profile, pseudonymiser, parsers });
    const summary = await read();

    const [file, ...rest] = listImportedFiles(db);
    expect(rest).toEqual([]);
    expect(file).toMatchObject({ periode: '2026Q2', bestand: 'export_2026Q3.csv', profiel: 'Suite kwartaal', rijenGelezen: 2000, rijenIngelezen: summary.rijenIngelezen });
    expect(db.prepare('SELECT count(*) FROM bevinding').pluck().get()).toBeGreaterThan(0);

    removeImportedFile(db, file!.id, new Date('2026-12-01T10:00:00Z'));
    expect(listImportedFiles(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM voorziening').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM bevinding').pluck().get()).toBe(0);
    expect(listActions(db, 1)[0]).toMatchObject({ action: 'export verwijderd', details: { bestand: 'export_2026Q3.csv', periode: '2026Q2', rijen: summary.rijenIngelezen } });

    // No longer "al ingelezen": read again, now for the right period.
    await importBatch(db, { prepared, periode: parsePeriode('2026Q3'), profile, pseudonymiser, parsers });
    expect(listImportedFiles(db).map((f) => f.periode)).toEqual(['2026Q3']);
    db.close();
  });

  test('an unknown import is refused in Dutch and nothing changes', async () => {
    const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
    expect(() => removeImportedFile(db, 42)).toThrow(/bestaat niet \(meer\)/);
    expect(listActions(db, 10).filter((a) => a.action === 'export verwijderd')).toEqual([]);
    db.close();
  });
});
