import { parseArgs } from 'node:util';
import { statusCsv, statusTable } from '../../../core/central/status/deliveryStatus.ts';
import { UserError } from '../../../core/errors.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { centralDb } from './centralDb.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, format: { type: 'string' } } });
  if (values.format !== undefined && values.format !== 'csv' && values.format !== 'tekst') throw new UserError('FORMAAT_ONBEKEND', 'Gebruik --format csv of --format tekst.');
  const session = await openCoreSession(centralDb(values.db, { create: false }));
  try {
    const rows = await session.call('central.status');
    io.stdout(values.format === 'csv' ? statusCsv(rows) : statusTable(rows));
  } finally {
    session.close();
  }
  return EXIT.ok;
}
