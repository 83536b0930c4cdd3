import path from 'node:path';
import { expect, test } from 'vitest';
import { parsePeriode } from '../period/periode.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { tempDir } from '../testing/tempDir.ts';
import { acknowledge, acknowledgement } from './acknowledgement.ts';

function addBatch(db: Db, bestand: string) {
  db.prepare(
    `INSERT INTO import_batch (status, periode, bestand, grootte, sha256, ingelezen, profiel, sleutel, rijen_gelezen, rijen_ingelezen, rijen_uitgesloten, kwaliteit)
     VALUES ('klaar', '2026Q3', ?, 1, ?, '2026-10-01', '{"kolommen":{}}', 'f', 0, 0, 0, '{}')`,
  ).run(bestand, bestand);
}

test('an acknowledgement covers exactly the imports behind the period; a new import asks again', async () => {
  const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  const q3 = parsePeriode('2026Q3');
  addBatch(db, 'wmo.csv');
  expect(acknowledgement(db, q3)).toBeNull();
  const stamp = acknowledge(db, q3, new Date('2026-10-02T08:00:00Z'));
  expect(acknowledgement(db, q3)).toBe(stamp);
  expect(acknowledgement(db, parsePeriode('2026Q2'))).toBeNull();
  addBatch(db, 'jeugd.csv');
  expect(acknowledgement(db, q3)).toBeNull();
  db.close();
});
