import type { ArgsOf, CallName, ResultOf } from '../shared/api.ts';
import type { Dialogs } from '../core/api/registry.ts';
import { UserError } from '../core/errors.ts';
import path from 'node:path';
import { DATABASE_FILE, openCore, type Core } from '../core/host/core.ts';
import { storeOpenError } from './store.ts';
import { appVersion } from './version.ts';

/** On the command line every path is an argument; a call that would open a dialog is a mistake. */
const noDialogs: Dialogs = {
  save: () => Promise.reject(new UserError('GEEN_DIALOOG', 'Op de opdrachtregel is geen bestandskeuzevenster beschikbaar; geef het pad als argument.')),
  open: () => Promise.reject(new UserError('GEEN_DIALOOG', 'Op de opdrachtregel is geen bestandskeuzevenster beschikbaar; geef het pad als argument.')),
};

export type CoreSession = {
  call<K extends CallName>(name: K, ...args: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): Promise<ResultOf<K>>;
  close(): void;
};

/** The CLI runs the same handlers as the app, in-process, and turns refusals into UserErrors. */
export async function openCoreSession(dataDir: string): Promise<CoreSession> {
  let core: Core;
  try {
    core = await openCore({ dataDir, appVersion: appVersion(), dialogs: noDialogs });
  } catch (error) {
    throw storeOpenError(path.join(dataDir, DATABASE_FILE), error);
  }
  return {
    async call(name, ...args) {
      const response = await core.call(name, args[0] ?? {});
      if (!response.ok) throw new UserError(response.error.code, response.error.message, response.error.location);
      return response.result as never;
    },
    close: () => core.close(),
  };
}
