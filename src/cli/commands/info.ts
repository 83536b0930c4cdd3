import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../../core/host/core.ts';
import { getSettings } from '../../core/settings/settings.ts';
import { latestVersion, openDatabaseReadOnly } from '../../core/store/database.ts';
import { currentLockHolder } from '../../core/store/writerLock.ts';
import { defaultDataDir } from '../dataDir.ts';
import { EXIT, type Io } from '../io.ts';
import { appVersion } from '../version.ts';

/**
 * Read-only: opens the store without the writer lock, migrations or the staging clean-up, so it
 * can run beside the app or a running import without disturbing either.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' } } });
  const dataDir = values.data ?? defaultDataDir(io.env);
  const db = openDatabaseReadOnly(path.join(dataDir, DATABASE_FILE));
  try {
    const hasSettings = db !== null && db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;
    const settings = hasSettings ? getSettings(db!) : { edition: null, gemeenteCode: null, gemeenteNaam: null, organisatieNaam: null };
    const holder = currentLockHolder(dataDir);
    io.stdout(
      [
        `Wijkmonitor ${appVersion()} (schemaversie ${latestVersion()})`,
        `Gegevensmap: ${dataDir}${db === null ? ' (nog geen database)' : ''}`,
        `Editie: ${settings.edition ?? 'nog niet gekozen'}`,
        `Gemeente: ${settings.gemeenteCode ? `${settings.gemeenteNaam} (${settings.gemeenteCode})` : 'nog niet ingesteld'}`,
        ...(holder ? [`In gebruik door: ${holder.programma} (proces ${holder.pid})`] : []),
      ].join('\n') + '\n',
    );
    return EXIT.ok;
  } finally {
    db?.close();
  }
}
