/**
 * The app's `import.run` without the window around it, for the delivery benchmark: one export
 * into a fresh gemeente store through `importBatch` (what the handler calls once it has the key),
 * as its own process so its wall clock and peak RSS are its own.
 *
 *   node bench/importRun.ts <export.csv> <store.sqlite>
 *
 * Prints the import summary as JSON. A random key: the store is thrown away with the temp folder.
 */
import { prepareExport } from '../src/core/import/prepareExport.ts';
import { importBatch } from '../src/core/import/importBatch.ts';
import { loadRecordParsers } from '../src/core/import/recordParsers.ts';
import { parsePeriode } from '../src/core/period/periode.ts';
import { createKey, createPseudonymiser } from '../src/core/pseudonym/wm1.ts';
import { loadReferenceTables } from '../src/core/resources/referenceTables.ts';
import { openDatabase } from '../src/core/store/database.ts';

const [exportFile, storeFile, period = '2026Q3'] = process.argv.slice(2);
if (!exportFile || !storeFile) throw new Error('gebruik: node bench/importRun.ts <export> <store.sqlite> [periode]');
const ref = loadReferenceTables();
const parsers = loadRecordParsers();
const db = await openDatabase(storeFile);
const prepared = await prepareExport(exportFile, { ref, parsers });
const pseudonymiser = createPseudonymiser(createKey());
try {
  const summary = await importBatch(db, {
    prepared,
    periode: parsePeriode(period),
    profile: {
      formaat: 'wijkmonitor-profiel',
      versie: 1,
      naam: 'bench',
      lezer: prepared.settings.format === 'csv'
        ? { encoding: prepared.settings.encoding, delimiter: prepared.settings.delimiter, headerRow: prepared.settings.headerRow }
        : { sheet: prepared.settings.sheet, headerRow: prepared.settings.headerRow },
      kolommen: prepared.mapping,
      decimaal: prepared.decimaal,
    },
    pseudonymiser,
    parsers,
  });
  console.log(JSON.stringify({ rijenGelezen: summary.rijenGelezen, rijenIngelezen: summary.rijenIngelezen, rijenUitgesloten: summary.rijenUitgesloten }));
} finally {
  pseudonymiser.wipe();
  db.close();
}
