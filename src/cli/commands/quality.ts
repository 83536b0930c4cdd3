import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../core/errors.ts';
import { inspectExportFiles } from '../../core/import/inspectExportFiles.ts';
import { writeQualityWorkbook } from '../../core/quality/qualityWorkbook.ts';
import { describeQualityRows } from '../../core/quality/qualityWords.ts';
import { loadReferenceTables } from '../../core/resources/referenceTables.ts';
import { defaultDataDir } from '../dataDir.ts';
import { EXIT, type Io } from '../io.ts';
import { progressLine } from '../progressLine.ts';
import { withStore } from '../store.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { period: { type: 'string' }, products: { type: 'string' }, areas: { type: 'string' }, mapping: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.period || !values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --period en --out zijn verplicht.');
  if (path.extname(values.out).toLowerCase() !== '.xlsx') throw new UserError('ONGELDIGE_INVOER', '--out moet een .xlsx-bestand zijn.');
  if (positionals.length === 0) throw new UserError('GEEN_EXPORT', 'Geef minstens één export uit het cliëntsysteem of iWmo-/iJw-berichten op.');
  return withStore(values.data ?? defaultDataDir(io.env), async (db) => {
    const progress = progressLine(io);
    const inspection = await inspectExportFiles({
      db,
      exports: positionals,
      periode: values.period!,
      productsFile: values.products,
      areasFile: values.areas,
      profileFile: values.mapping,
      onProgress: progress.update,
    }).finally(progress.done);
    for (const warning of inspection.warnings) io.stderr(`Waarschuwing: ${warning}\n`);
    await writeQualityWorkbook(values.out!, `Datakwaliteit ${positionals.map((f) => path.basename(f)).join(', ')}, periode ${values.period}`, describeQualityRows(inspection.rows, loadReferenceTables()), inspection.findings);
    const s = inspection.summary;
    io.stdout(`Rapport geschreven: ${values.out}\n${s.rijen_gelezen} rijen gelezen, ${s.rijen_uitgesloten} uitgesloten, ${inspection.findings.length} bevindingen.\n`);
    return EXIT.ok;
  });
}
