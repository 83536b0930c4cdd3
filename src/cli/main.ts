import { UserError } from '../core/errors.ts';
import { writeError } from '../core/files/writeErrors.ts';
import type { Command } from './command.ts';
import { commands as allCommands } from './commands.ts';
import { EXIT, processIo, type Io } from './io.ts';
import { exitCleanlyOnSignals } from './signals.ts';
import { appVersion } from './version.ts';

export async function runCli(argv: string[], io: Io, commands: readonly Command[] = allCommands): Promise<number> {
  const names = new Set<string>();
  for (const command of commands) {
    if (names.has(command.name)) throw new Error(`command registered twice: ${command.name}`);
    names.add(command.name);
  }
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    io.stdout(`${appVersion()}\n`);
    return EXIT.ok;
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(help(commands));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.stderr(`Onbekende opdracht: ${first}. Zie "wijkmonitor --help".\n`);
    return EXIT.badInput;
  }
  if (rest.includes('--help')) {
    io.stdout(`Gebruik: wijkmonitor ${command.usage}\n${command.summary}\n`);
    return EXIT.ok;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (error) {
    io.stderr(`${describe(error)}\n`);
    return EXIT.badInput;
  }
}

function help(commands: readonly Command[]): string {
  return [
    `Wijkmonitor ${appVersion()} — het sociaal domein per wijk`,
    '',
    'Gebruik: wijkmonitor <opdracht> [opties]',
    '',
    'Opdrachten:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Algemeen: --help, --version. Afsluitcode 0 = gelukt, 1 = controle mislukt, 2 = onjuiste invoer.',
    '',
  ].join('\n');
}

/** Only UserErrors carry text meant for the user; anything else gets a neutral line. */
function describe(error: unknown): string {
  if (error instanceof UserError) return `Fout: ${error.message}`;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    return `Fout: onbekende optie of ontbrekende waarde ${option}. Zie "wijkmonitor <opdracht> --help".`;
  }
  // A safety net for a write failure that no writer turned into a UserError: still say what it is.
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT') {
    const file = (error as { path?: unknown }).path;
    if (typeof file === 'string') return `Fout: ${(writeError(file, error) as Error).message}`;
    return `Fout: de schijf is vol of een bestand wordt groter dan hier is toegestaan (${code}). Maak ruimte vrij en probeer het opnieuw.`;
  }
  return 'Fout: er ging intern iets mis; er is niets gewijzigd.';
}

if (import.meta.main) {
  exitCleanlyOnSignals(processIo.stderr);
  process.exitCode = await runCli(process.argv.slice(2), processIo);
}
