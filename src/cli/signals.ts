import { removeLiveTempsSync } from '../core/files/tempFiles.ts';

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

/**
 * Ctrl+C, `kill` or a closed terminal during `deliver` (or any command that writes) must not leave
 * its temporary file behind: a delivery's holds pseudonymised records. The handler removes every
 * live temp file synchronously and exits with the shell's convention, 128 + the signal number.
 * The store needs nothing: SQLite rolls back an unfinished transaction on the next open.
 * (kill -9 cannot be caught; the next run's clean-up of stale temp files covers it.)
 * Only for the real process: `runCli` itself stays free of process-wide handlers.
 */
export function exitCleanlyOnSignals(stderr: (text: string) => void): void {
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.once(signal, () => {
      removeLiveTempsSync();
      stderr(`\nAfgebroken (${signal}); tijdelijke bestanden zijn verwijderd, er is geen bestand half geschreven.\n`);
      process.exit(128 + number);
    });
  }
}
