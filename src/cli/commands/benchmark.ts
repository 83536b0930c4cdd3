import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../core/errors.ts';
import { releaseDate } from '../../core/pack/packTables.ts';
import { argumentDialogs } from '../argumentDialogs.ts';
import { openCoreSession } from '../coreSession.ts';
import { defaultDataDir } from '../dataDir.ts';
import { EXIT, type Io } from '../io.ts';

/** `benchmark import [--data MAP] BENCHMARK.zip` (gemeente edition): verify the analyst's benchmark file and store it. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new UserError('ONBEKENDE_OPDRACHT', `${sub === undefined ? 'Geef een onderdeel van benchmark op' : `Onbekend onderdeel van benchmark: ${sub.slice(0, 40)}`}. Mogelijk:\n  wijkmonitor benchmark import [--data MAP] BENCHMARK.zip`);
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { data: { type: 'string' } } });
  if (positionals.length !== 1) throw new UserError('ARGUMENT_ONTBREEKT', 'Geef precies één benchmarkbestand (…_benchmark.zip) op.');
  const file = path.resolve(positionals[0]!);
  const session = await openCoreSession(values.data ? path.resolve(values.data) : defaultDataDir(io.env), { dialogs: argumentDialogs({ open: [file] }) });
  try {
    const result = await session.call('benchmark.import');
    if (!result.imported) throw new UserError('NIET_INGELEZEN', 'Het benchmarkbestand is niet ingelezen.');
    io.stdout(
      `Benchmark ingelezen: ${result.gemeente} ${result.periode} (${result.status}), centrale release van ${releaseDate(result.aangemaakt)}: ${result.rijen} cijfers, ${result.wijken} wijken.\n` +
        'Zie Overzicht › Benchmark in de app.\n',
    );
    return EXIT.ok;
  } finally {
    session.close();
  }
}
