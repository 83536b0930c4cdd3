import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The store the desktop app uses (Electron's `userData` for product name Wijkmonitor), so the CLI
 * and the app work on the same data unless `--data` or WIJKMONITOR_DATA says otherwise.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env.WIJKMONITOR_DATA) return path.resolve(env.WIJKMONITOR_DATA);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), 'Wijkmonitor');
  if (platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'Wijkmonitor');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'Wijkmonitor');
}
