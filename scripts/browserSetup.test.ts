import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHROMIUM, planBrowser } from './browserSetup.ts';

const linuxRoot = { chromiumPresent: false, isRoot: true, aptAvailable: true, platform: 'linux' as const };

describe('the browser npm test needs', () => {
  test('present: nothing to do', () => {
    expect(planBrowser({ ...linuxRoot, chromiumPresent: true })).toEqual({ action: 'ready' });
  });

  test('missing on Debian as root: installed with apt', () => {
    const plan = planBrowser(linuxRoot);
    expect(plan.action).toBe('install');
    if (plan.action === 'install') expect(plan.args.join(' ')).toContain('apt-get install -y -qq chromium');
  });

  test('missing without root or apt: one line that says what to install', () => {
    for (const facts of [{ ...linuxRoot, isRoot: false }, { ...linuxRoot, aptAvailable: false }]) {
      const plan = planBrowser(facts);
      expect(plan.action).toBe('stop');
      if (plan.action === 'stop') {
        expect(plan.message).toContain('apt-get install -y chromium');
        expect(plan.message).not.toContain('\n');
      }
    }
    expect(planBrowser({ ...linuxRoot, platform: 'win32' }).action).toBe('stop');
  });

  test('the browser tests launch exactly the browser this checks', () => {
    const config = readFileSync(path.join(import.meta.dirname, '..', 'playwright.config.ts'), 'utf8');
    expect(config).toContain(`executablePath: '${CHROMIUM}'`);
  });

  test('npm test checks the browser before running anything', () => {
    const runner = readFileSync(path.join(import.meta.dirname, 'test-all.ts'), 'utf8');
    expect(runner.indexOf('ensureBrowser(')).toBeGreaterThan(-1);
    expect(runner.indexOf('ensureBrowser(')).toBeLessThan(runner.indexOf("step('typecheck'"));
  });
});
