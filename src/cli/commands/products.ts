import { parseArgs } from 'node:util';
import { PRODUCT_COLUMNS } from '../../core/classification/productTable.ts';
import { writeTableFile } from '../../core/classification/tableFiles.ts';
import { UserError } from '../../core/errors.ts';
import { inspectExportFiles } from '../../core/import/inspectExportFiles.ts';
import { defaultDataDir } from '../dataDir.ts';
import { EXIT, type Io } from '../io.ts';
import { progressLine } from '../progressLine.ts';
import { withStore } from '../store.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { products: { type: 'string' }, mapping: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, period: { type: 'string' } },
  });
  if (!values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Optie --out is verplicht.');
  if (positionals.length === 0) throw new UserError('GEEN_EXPORT', 'Geef minstens één export uit het cliëntsysteem op.');
  return withStore(values.data ?? defaultDataDir(io.env), async (db) => {
    const progress = progressLine(io);
    const { products, inputBsns } = await inspectExportFiles({
      db,
      exports: positionals,
      // Only the product codes matter here; the period just fixes the age reference day.
      periode: values.period ?? String(new Date().getFullYear()),
      productsFile: values.products,
      profileFile: values.mapping,
      onProgress: progress.update,
    }).finally(progress.done);
    const columns = [...PRODUCT_COLUMNS, 'status', 'reden', 'rijen'];
    await writeTableFile(values.out!, columns, products.map((p) => ({ ...p, rijen: String(p.rijen) })), inputBsns);
    const count = (status: string) => products.filter((p) => p.status === status).length;
    io.stdout(
      `Vertaaltabel geschreven: ${values.out}\n${count('ingedeeld')} ingedeeld, ${count('voorstel')} met voorstel (controleer ze), ${count('niet ingedeeld')} nog in te delen.\n`,
    );
    return EXIT.ok;
  });
}
