import { parseArgs } from 'node:util';
import type { CentralImportLine } from '../../../shared/api.ts';
import { UserError } from '../../../core/errors.ts';
import { argumentDialogs } from '../../argumentDialogs.ts';
import { openCoreSession } from '../../coreSession.ts';
import { EXIT, type Io } from '../../io.ts';
import { progressLine } from '../../progressLine.ts';
import { centralDb } from './centralDb.ts';

const JOB = 'central-import';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' } } });
  const dir = centralDb(values.db, { create: true });
  if (positionals.length === 0) throw new UserError('GEEN_LEVERING', 'Geef minstens één leveringsbestand (.zip) op.');
  const progress = progressLine(io);
  const session = await openCoreSession(dir, { dialogs: argumentDialogs({ open: positionals }), onProgress: (event) => progress.update(event) });
  // Ctrl+C cancels like the app's cancel button: the file being read leaves no row and no file.
  const cancel = () => void session.call('jobs.cancel', { id: JOB });
  process.once('SIGINT', cancel);
  let lines: CentralImportLine[];
  try {
    lines = await session.call('central.import', { jobId: JOB });
  } finally {
    process.off('SIGINT', cancel);
    progress.done();
    session.close();
  }
  for (const line of lines) io.stdout(`${describe(line)}\n`);
  return lines.some((l) => l.uitkomst === 'geweigerd') ? EXIT.verificationFailed : EXIT.ok;
}

/** One line per file: its verdict first, as the contract names it, then what it was. */
export function describe(line: CentralImportLine): string {
  const what = line.gemeente ? ` (${line.gemeente} ${line.periode}${line.versie ? `, versie ${line.versie}` : ''}${line.rijen !== undefined ? `, ${line.rijen} rijen` : ''})` : '';
  const key = line.sleutelGewijzigd ? ' Let op: andere sleutel dan de vorige levering van deze gemeente; trends over die grens zijn niet vergelijkbaar.' : '';
  switch (line.uitkomst) {
    case 'geweigerd':
      return `${line.bestand}: geweigerd: ${line.reden ?? ''}`;
    case 'vervangt':
      return `${line.bestand}: vervangt v${line.vervangt}${what}${key}`;
    default:
      return `${line.bestand}: ${line.uitkomst}${what}${key}`;
  }
}
