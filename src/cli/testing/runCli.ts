import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The installed entry point, so CLI tests run exactly what `npx wijkmonitor` runs. */
export const CLI_BIN = path.resolve(import.meta.dirname, '../../../bin/wijkmonitor.js');

export type CliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/**
 * Runs `wijkmonitor ARGS` in a child process (exit codes and stderr are part of the contract).
 * `env` is added to this process's environment; `fileSizeLimitKb` runs it under `ulimit -f`, the
 * way a full disk is reproduced without filling one. Without `--data` or WIJKMONITOR_DATA the
 * CLI would use the user's own store (~/.config/Wijkmonitor), so a test file gets one of its own.
 */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; fileSizeLimitKb?: number } = {}): CliResult {
  const env = { WIJKMONITOR_DATA: testDataDir(), ...process.env, ...options.env };
  const result =
    options.fileSizeLimitKb === undefined
      ? spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', env })
      : spawnSync('bash', ['-c', `ulimit -f ${options.fileSizeLimitKb}; exec "$0" "$@"`, process.execPath, CLI_BIN, ...args], { encoding: 'utf8', env });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

let dataDir: string | undefined;
function testDataDir(): string {
  dataDir ??= mkdtempSync(path.join(tmpdir(), 'wm-cli-data-'));
  return dataDir;
}
