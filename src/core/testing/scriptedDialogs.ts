import type { Dialogs } from '../api/registry.ts';

/**
 * Stands in for native file dialogs: answers come from a queue the test (or the harness's
 * control endpoint) fills; an empty queue means the user pressed "Annuleren".
 */
export type ScriptedDialogs = Dialogs & {
  queueSave(path: string | null): void;
  queueOpen(paths: string[]): void;
  asked: { kind: 'save' | 'open'; title: string }[];
};

export function createScriptedDialogs(): ScriptedDialogs {
  const saves: (string | null)[] = [];
  const opens: string[][] = [];
  const asked: ScriptedDialogs['asked'] = [];
  return {
    asked,
    queueSave: (path) => saves.push(path),
    queueOpen: (paths) => opens.push(paths),
    save: async (request) => {
      asked.push({ kind: 'save', title: request.title });
      return saves.shift() ?? null;
    },
    open: async (request) => {
      asked.push({ kind: 'open', title: request.title });
      return opens.shift() ?? [];
    },
  };
}
