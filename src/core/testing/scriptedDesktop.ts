import path from 'node:path';
import type { Desktop } from '../api/registry.ts';
import { checkDroppedFiles, createDropBox } from '../import/droppedFiles.ts';

/**
 * Stands in for the desktop: remembers which files it was asked to show, and takes drops the way
 * a host does (checked, then redeemable once by token), so tests can drop files by path.
 */
export type ScriptedDesktop = Desktop & {
  shown: string[];
  /** As the host does on a drop: checks the files and answers the token the page passes on. */
  drop(files: string[]): string;
};

export function createScriptedDesktop(): ScriptedDesktop {
  const shown: string[] = [];
  const drops = createDropBox();
  return {
    shown,
    showInFolder: async (file) => void shown.push(file),
    takeDrop: async (token) => drops.take(token),
    drop: (files) => drops.put(checkDroppedFiles(files.map((pad) => ({ naam: path.basename(pad), pad })))),
  };
}
