import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { UserError } from '../../../core/errors.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { centralDb } from './centralDb.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, gemeente: { type: 'string' }, period: { type: 'string' }, door: { type: 'string' } } });
  if (!values.gemeente || !values.period) throw new UserError('ARGUMENT_ONTBREEKT', 'Opties --gemeente en --period zijn verplicht.');
  const session = await openCoreSession(centralDb(values.db, { create: false }));
  try {
    // Without --door the akkoord is recorded under the analyst's own account name.
    const result = await session.call('central.approve', { gemeente: values.gemeente.toUpperCase(), periode: values.period, door: values.door ?? userInfo().username });
    io.stdout(`Akkoord vastgelegd: ${result.gemeente} ${result.periode} versie ${result.versie}, door ${result.door} op ${result.op.slice(0, 10)}. Een latere versie heeft opnieuw akkoord nodig.\n`);
  } finally {
    session.close();
  }
  return EXIT.ok;
}
