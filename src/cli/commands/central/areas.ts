import { parseArgs } from 'node:util';
import { AREA_COLUMNS } from '../../../core/classification/areaTable.ts';
import { writeTableFile } from '../../../core/classification/tableFiles.ts';
import { UserError } from '../../../core/errors.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { centralDb } from './centralDb.ts';

/**
 * `central areas --db DIR --gemeente GM --out gebieden.csv [--jaar J]`: the gemeente's area table
 * per PC6 from the CBS postcode file, in the interchange format the gemeente edition imports.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, gemeente: { type: 'string' }, out: { type: 'string' }, jaar: { type: 'string' } },
  });
  if (!values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Optie --out is verplicht.');
  if (positionals.length > 0) throw new UserError('ARGUMENT_ONBEKEND', `Onverwacht argument: ${positionals[0]!.slice(0, 60)}.`);
  const gemeente = (values.gemeente ?? '').trim().toUpperCase();
  if (!/^GM\d{4}$/.test(gemeente)) throw new UserError('GEMEENTE_ONGELDIG', 'Geef met --gemeente een CBS-gemeentecode op, bijvoorbeeld GM0392.');
  if (values.jaar !== undefined && !/^\d{4}$/.test(values.jaar)) throw new UserError('JAAR_ONGELDIG', `--jaar ${values.jaar.slice(0, 10)} is geen jaartal (bijvoorbeeld 2024).`);
  const dir = centralDb(values.db, { create: false });
  const session = await openCoreSession(dir);
  try {
    const table = await session.call('central.areas', { gemeente, ...(values.jaar === undefined ? {} : { jaar: Number(values.jaar) }) });
    await writeTableFile(values.out, AREA_COLUMNS, table.gebieden.map((area) => ({ ...area })));
    const lines = [`Gebiedstabel geschreven: ${values.out}`, `${table.gebieden.length} postcodes (PC6) van ${gemeente}, CBS-postcodebestand ${table.jaar}.`];
    if (table.dubbelzinnig > 0) lines.push(`${table.dubbelzinnig} postcodes liggen in meer dan één wijk; ze staan bij de wijk met de meeste adressen.`);
    if (table.zonderNaam > 0) lines.push(`${table.zonderNaam} wijken zonder naam: lees de CBS Kerncijfers (StatLine-tabelexport) van ${table.jaar} in voor de wijknamen.`);
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    session.close();
  }
}
