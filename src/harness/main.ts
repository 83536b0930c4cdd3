/**
 * `npm run harness`: the app in a browser, against the real core and a real SQLite file.
 * Options: --data DIR (default: a new temporary folder), --port N (default: any free port).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' } } });
const dataDir = path.resolve(values.data ?? mkdtempSync(path.join(tmpdir(), 'wijkmonitor-harness-')));
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

const harness = await startHarness({
  dataDir,
  rendererDir: path.join(root, 'out-harness', 'renderer'),
  appVersion: version,
  port: values.port ? Number(values.port) : 0,
});
// The browser tests read these two lines.
console.log(`WIJKMONITOR_HARNESS_URL=${harness.url}`);
console.log(`WIJKMONITOR_HARNESS_DATA=${dataDir}`);

const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
