import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The programs the pack tests check the packs with (src/core/pack/writePacks.test.ts): headless
 * LibreOffice opens the workbook, poppler renders the PDF. Like the browser (browserSetup.ts),
 * `npm test` installs them with apt when it can, or stops with one line saying what to install;
 * the tests themselves fail, never skip, when a program is missing.
 */
export const PACK_TOOLS = [
  { program: '/usr/bin/soffice', pakket: 'libreoffice-calc-nogui' },
  { program: '/usr/bin/pdftoppm', pakket: 'poppler-utils' },
] as const;

export type ToolsPlan = { action: 'ready' } | { action: 'install'; command: string; args: string[] } | { action: 'stop'; message: string };
export type ToolsFacts = { missing: string[]; isRoot: boolean; aptAvailable: boolean; platform: NodeJS.Platform };

export function planPackTools(facts: ToolsFacts): ToolsPlan {
  if (facts.missing.length === 0) return { action: 'ready' };
  const packages = facts.missing.join(' ');
  if (facts.platform === 'linux' && facts.isRoot && facts.aptAvailable) {
    return { action: 'install', command: 'bash', args: ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`] };
  }
  return { action: 'stop', message: `De pakkettests hebben ${packages} nodig: installeer ze met "sudo apt-get install -y ${packages}" en start npm test opnieuw.` };
}

export function packToolsFacts(): ToolsFacts {
  return {
    missing: PACK_TOOLS.filter((t) => !existsSync(t.program)).map((t) => t.pakket),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    aptAvailable: spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0,
    platform: process.platform,
  };
}

/** Returns null when the programs are there, else the one line to print before stopping. */
export function ensurePackTools(facts = packToolsFacts()): string | null {
  const plan = planPackTools(facts);
  if (plan.action === 'ready') return null;
  if (plan.action === 'stop') return plan.message;
  console.log(`Ontbreekt voor de pakkettests: ${facts.missing.join(', ')}; installeren met apt-get.`);
  const result = spawnSync(plan.command, plan.args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status === 0 && packToolsFacts().missing.length === 0) return null;
  return `Installeren met apt-get is mislukt (code ${result.status ?? 'onbekend'}); installeer ${facts.missing.join(' ')} met apt-get en start npm test opnieuw.`;
}
