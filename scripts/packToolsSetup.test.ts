import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { planPackTools } from './packToolsSetup.ts';

const linuxRoot = { missing: ['libreoffice-calc-nogui', 'poppler-utils'], isRoot: true, aptAvailable: true, platform: 'linux' as const };

describe('the programs the pack tests need', () => {
  test('present: nothing to do; missing as root on Debian: installed with apt; otherwise one line', () => {
    expect(planPackTools({ ...linuxRoot, missing: [] })).toEqual({ action: 'ready' });
    const plan = planPackTools(linuxRoot);
    expect(plan.action === 'install' && plan.args.join(' ')).toContain('apt-get install -y -qq libreoffice-calc-nogui poppler-utils');
    const stop = planPackTools({ ...linuxRoot, isRoot: false });
    expect(stop.action === 'stop' && stop.message).toContain('sudo apt-get install -y libreoffice-calc-nogui poppler-utils');
  });

  test('npm test sees to them before running anything', () => {
    const runner = readFileSync(path.join(import.meta.dirname, 'test-all.ts'), 'utf8');
    expect(runner.indexOf('ensurePackTools(')).toBeGreaterThan(-1);
    expect(runner.indexOf('ensurePackTools(')).toBeLessThan(runner.indexOf("step('typecheck'"));
  });
});
