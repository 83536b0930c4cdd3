import type { ArgsOf, CallName, ResultOf } from '../../shared/api.ts';
import { openCore, type Core } from '../host/core.ts';
import { createScriptedDesktop, type ScriptedDesktop } from './scriptedDesktop.ts';
import { createScriptedDialogs, type ScriptedDialogs } from './scriptedDialogs.ts';
import { tempDir } from './tempDir.ts';

export type TestCore = {
  core: Core;
  dialogs: ScriptedDialogs;
  desktop: ScriptedDesktop;
  dataDir: string;
  /** Calls the core and returns the result, or throws the Dutch message. */
  call<K extends CallName>(name: K, ...args: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): Promise<ResultOf<K>>;
};

export async function openTestCore(dataDir = tempDir()): Promise<TestCore> {
  const dialogs = createScriptedDialogs();
  const desktop = createScriptedDesktop();
  const core = await openCore({ dataDir, appVersion: '0.0.0-test', dialogs, desktop });
  return {
    core,
    dialogs,
    desktop,
    dataDir,
    async call(name, ...args) {
      const response = await core.call(name, args[0] ?? {});
      if (!response.ok) throw new Error(response.error.message);
      return response.result as never;
    },
  };
}
