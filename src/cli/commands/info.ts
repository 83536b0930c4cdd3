import { parseArgs } from 'node:util';
import { openCoreSession } from '../coreSession.ts';
import { defaultDataDir } from '../dataDir.ts';
import { EXIT, type Io } from '../io.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' } } });
  const dataDir = values.data ?? defaultDataDir(io.env);
  const session = await openCoreSession(dataDir);
  try {
    const info = await session.call('app.info');
    const settings = await session.call('settings.get');
    io.stdout(
      [
        `Wijkmonitor ${info.version} (schemaversie ${info.schemaVersion})`,
        `Gegevensmap: ${dataDir}`,
        `Editie: ${settings.edition ?? 'nog niet gekozen'}`,
        `Gemeente: ${settings.gemeenteCode ? `${settings.gemeenteNaam} (${settings.gemeenteCode})` : 'nog niet ingesteld'}`,
      ].join('\n') + '\n',
    );
    return EXIT.ok;
  } finally {
    session.close();
  }
}
