/**
 * Entry of the worker thread that owns the store. Long jobs (imports, deliveries) run here, so
 * the host's event loop — Electron's main process or the harness's HTTP server — stays free.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Dialogs } from '../api/registry.ts';
import { toApiError } from '../errors.ts';
import { openCore, type Core } from './core.ts';
import type { FromWorker, ToWorker, WorkerData } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('coreWorker must run in a worker thread');

const send = (message: FromWorker) => port.postMessage(message);
const pendingDialogs = new Map<number, (paths: string[]) => void>();
let nextDialogId = 1;

function askHost(request: Extract<FromWorker, { type: 'dialog' }>['request']): Promise<string[]> {
  const id = nextDialogId++;
  return new Promise((resolve) => {
    pendingDialogs.set(id, resolve);
    send({ type: 'dialog', id, request });
  });
}

const dialogs: Dialogs = {
  save: async (options) => (await askHost({ kind: 'save', options }))[0] ?? null,
  open: (options) => askHost({ kind: 'open', options }),
};

const { dataDir, appVersion } = workerData as WorkerData;
let core: Core | null = null;

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'call':
      if (!core) return;
      void core.call(message.name, message.args).then((response) => send({ type: 'result', id: message.id, response }));
      break;
    case 'dialogResult':
      pendingDialogs.get(message.id)?.(message.paths);
      pendingDialogs.delete(message.id);
      break;
    case 'close':
      core?.close();
      core = null;
      send({ type: 'closed' });
      port.close();
      break;
  }
});

try {
  core = await openCore({ dataDir, appVersion, dialogs });
  core.onProgress((event) => send({ type: 'progress', event }));
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', error: toApiError(error) });
}
