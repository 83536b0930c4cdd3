import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The architecture's import rules, checked mechanically: the core runs without Electron and
 * without the renderer, the renderer never reaches into the core, and the contract depends on
 * nothing but itself.
 */
type Area = 'core' | 'shared' | 'cli' | 'ui' | 'harness' | 'electron' | 'other';

const rules: Record<Area, { forbiddenAreas: Area[]; forbidElectron: boolean; forbidNode: boolean; onlyRelative?: boolean }> = {
  core: { forbiddenAreas: ['ui', 'electron', 'harness', 'cli'], forbidElectron: true, forbidNode: false },
  shared: { forbiddenAreas: ['ui', 'electron', 'harness', 'cli', 'core'], forbidElectron: true, forbidNode: true, onlyRelative: true },
  cli: { forbiddenAreas: ['ui', 'electron', 'harness'], forbidElectron: true, forbidNode: false },
  ui: { forbiddenAreas: ['core', 'electron', 'cli'], forbidElectron: true, forbidNode: true },
  harness: { forbiddenAreas: ['electron'], forbidElectron: true, forbidNode: false },
  electron: { forbiddenAreas: ['ui'], forbidElectron: false, forbidNode: false },
  other: { forbiddenAreas: [], forbidElectron: false, forbidNode: false },
};

export type Violation = { file: string; specifier: string; rule: string };

const importPattern = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function areaOf(relativePath: string): Area {
  const p = relativePath.split(path.sep).join('/');
  if (p.startsWith('src/core/')) return 'core';
  if (p.startsWith('src/shared/')) return 'shared';
  if (p.startsWith('src/cli/')) return 'cli';
  if (p.startsWith('src/ui/')) return 'ui';
  if (p.startsWith('src/harness/')) return 'harness';
  if (p.startsWith('electron/')) return 'electron';
  return 'other';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

export function findBoundaryViolations(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const top of ['src', 'electron']) {
    let files: string[];
    try {
      files = sourceFiles(path.join(root, top));
    } catch {
      continue;
    }
    for (const file of files) {
      const relative = path.relative(root, file);
      const area = areaOf(relative);
      const rule = rules[area];
      // Browser tests drive the harness from Node; they are not renderer code.
      if (area === 'ui' && relative.split(path.sep).includes('e2e')) continue;
      // A unit test runs under Node with its test runner, whatever area it tests.
      const isTest = /\.test\.tsx?$/.test(relative);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(importPattern)) {
        const specifier = match[1] ?? match[2] ?? match[3] ?? '';
        const add = (why: string) => violations.push({ file: relative, specifier, rule: why });
        const relativeImport = specifier.startsWith('.');
        if (rule.forbidElectron && (specifier === 'electron' || specifier.startsWith('electron/'))) {
          add(`${area} must not import electron`);
        } else if (rule.forbidNode && !isTest && (specifier.startsWith('node:') || ['fs', 'path', 'crypto', 'worker_threads'].includes(specifier))) {
          add(`${area} must not import Node built-ins`);
        } else if (relativeImport) {
          const target = areaOf(path.relative(root, path.resolve(path.dirname(file), specifier)));
          if (rule.forbiddenAreas.includes(target)) add(`${area} must not import ${target}`);
          else if (rule.onlyRelative && target !== area) add(`${area} may only import ${area}`);
        } else if (rule.onlyRelative && !isTest) {
          add(`${area} must have no runtime dependencies`);
        }
      }
    }
  }
  return violations;
}
