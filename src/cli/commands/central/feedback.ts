import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../core/errors.ts';
import { argumentDialogs } from '../../argumentDialogs.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { centralDb } from './centralDb.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, gemeente: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' } } });
  if (!values.gemeente || !values.period || !values.out) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --gemeente, --period en --out zijn verplicht.');
  if (!values.out.toLowerCase().endsWith('.xlsx')) throw new UserError('ONGELDIGE_UITVOER', `${path.basename(values.out)}: de terugkoppeling is een Excel-werkmap; geef een bestandsnaam die eindigt op .xlsx.`);
  const session = await openCoreSession(centralDb(values.db, { create: false }), { dialogs: argumentDialogs({ save: path.resolve(values.out) }) });
  try {
    const result = await session.call('central.feedback', { gemeente: values.gemeente.toUpperCase(), periode: values.period });
    if (!result.saved) throw new UserError('NIET_OPGESLAGEN', 'De terugkoppeling is niet opgeslagen.');
    const b = result.bevindingen;
    io.stdout(`Terugkoppeling geschreven: ${values.out}\n${b.fout} fout, ${b.waarschuwing} waarschuwing, ${b.info} info. Kleine aantallen zijn niet onderdrukt: alleen voor de gemeente zelf.\n`);
  } finally {
    session.close();
  }
  return EXIT.ok;
}
