import type { Desktop } from '../api/registry.ts';

/** Stands in for the desktop: remembers which files it was asked to show, so a test can check. */
export type ScriptedDesktop = Desktop & { shown: string[] };

export function createScriptedDesktop(): ScriptedDesktop {
  const shown: string[] = [];
  return {
    shown,
    showInFolder: async (file) => void shown.push(file),
  };
}
