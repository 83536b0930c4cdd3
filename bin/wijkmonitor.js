#!/usr/bin/env node
// The CLI is TypeScript run directly by Node (type stripping, Node >= 22.18). An older Node gets a
// clear sentence instead of a syntax error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`Wijkmonitor heeft Node 22.18 of nieuwer nodig (gevonden: ${process.versions.node}). Voer "npm ci" uit en gebruik "npx wijkmonitor".\n`);
  process.exit(2);
}
const { runCli } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/io.ts');
process.exitCode = await runCli(process.argv.slice(2), processIo);
