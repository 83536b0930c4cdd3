import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The one browser the browser tests use (playwright.config.ts): Debian's, never a download. */
export const CHROMIUM = '/usr/bin/chromium';

export type BrowserPlan =
  | { action: 'ready' }
  | { action: 'install'; command: string; args: string[] }
  | { action: 'stop'; message: string };

export type BrowserFacts = { chromiumPresent: boolean; isRoot: boolean; aptAvailable: boolean; platform: NodeJS.Platform };

/**
 * What `npm test` does about the browser before anything runs: nothing when it is there,
 * install it with apt when that can work (root on Debian), or stop with one line that says what
 * to install — a missing browser must never surface as a launch error per browser test.
 */
export function planBrowser(facts: BrowserFacts): BrowserPlan {
  if (facts.chromiumPresent) return { action: 'ready' };
  if (facts.platform === 'linux' && facts.isRoot && facts.aptAvailable) {
    return { action: 'install', command: 'bash', args: ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'] };
  }
  return {
    action: 'stop',
    message:
      facts.platform === 'linux'
        ? `De browsertests hebben Debians Chromium nodig (${CHROMIUM}): installeer het met "sudo apt-get install -y chromium" en start npm test opnieuw.`
        : `De browsertests hebben Chromium op ${CHROMIUM} nodig en draaien alleen op Debian/Linux; start npm test op zo'n machine.`,
  };
}

export function browserFacts(): BrowserFacts {
  return {
    chromiumPresent: existsSync(CHROMIUM),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    aptAvailable: spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0,
    platform: process.platform,
  };
}

/** Returns null when the browser is ready, else the one line to print before stopping. */
export function ensureBrowser(facts = browserFacts()): string | null {
  const plan = planBrowser(facts);
  if (plan.action === 'ready') return null;
  if (plan.action === 'stop') return plan.message;
  console.log(`Debians Chromium ontbreekt: installeren met apt-get (${CHROMIUM}).`);
  const result = spawnSync(plan.command, plan.args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status === 0 && existsSync(CHROMIUM)) return null;
  return `Chromium installeren met apt-get is mislukt (code ${result.status ?? 'onbekend'}); installeer het met "apt-get install -y chromium" en start npm test opnieuw.`;
}
