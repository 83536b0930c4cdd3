/**
 * Run by importBatch.test.ts as a separate process that the test kills with SIGKILL while this
 * import is halfway: it announces every committed chunk on stdout and then keeps going slowly.
 */
import { openDatabase } from '../store/database.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { parsePeriode } from '../period/periode.ts';
import { importBatch } from './importBatch.ts';
import { prepareExport } from './prepareExport.ts';
import { loadRecordParsers } from './recordParsers.ts';

const [databaseFile, exportFile] = process.argv.slice(2) as [string, string];
const db = await openDatabase(databaseFile);
const parsers = loadRecordParsers();
const prepared = await prepareExport(exportFile, { ref: loadReferenceTables(), parsers });
let announced = false;
await importBatch(db, {
  prepared,
  periode: parsePeriode('2026Q3'),
  profile: { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'kill', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal },
  pseudonymiser: createPseudonymiser(createKey()),
  parsers,
  onProgress: ({ done }) => {
    const committed = Number(db.prepare('SELECT count(*) FROM voorziening WHERE batch_id = (SELECT max(id) FROM import_batch)').pluck().get());
    if (committed > 0 && done > 0 && !announced) {
      announced = true;
      process.stdout.write('chunk\n');
      // Hold the process here until the test kills it: the import is provably half done.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
    }
  },
});
process.stdout.write('klaar\n');
