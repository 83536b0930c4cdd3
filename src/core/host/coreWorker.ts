/**
 * Entry of the worker thread that owns the store. Long jobs (imports, deliveries) run here, so
 * the host's event loop — Electron's main process or the harness's HTTP server — stays free.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Desktop, Dialogs, SecretStore } from '../api/registry.ts';
import { toApiError, UserError } from '../errors.ts';
import type { DropOutcome } from '../import/droppedFiles.ts';
import { openCore, type Core } from './core.ts';
import type { FromWorker, HostAnswer, HostRequest, ToWorker, WorkerData } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('coreWorker must run in a worker thread');

const send = (message: FromWorker) => port.postMessage(message);
const pending = new Map<number, (message: Extract<ToWorker, { type: 'hostResult' }>) => void>();
let nextRequestId = 1;

/** Dialogs, the key store and the desktop live in the host thread (safeStorage and shell exist only in Electron's main). */
function askHost(request: HostRequest): Promise<HostAnswer> {
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    pending.set(id, (answer) => (answer.error ? reject(new UserError(answer.error.code, answer.error.message)) : resolve(answer.value)));
    send({ type: 'host', id, request });
  });
}

const dialogs: Dialogs = {
  save: async (options) => ((await askHost({ kind: 'save', options })) as string[])[0] ?? null,
  open: async (options) => (await askHost({ kind: 'open', options })) as string[],
};
const secrets: SecretStore = {
  protect: async (data) => (await askHost({ kind: 'protect', data })) as Uint8Array,
  unprotect: async (data) => (await askHost({ kind: 'unprotect', data })) as Uint8Array,
};

const desktop: Desktop = {
  showInFolder: async (file) => void (await askHost({ kind: 'showInFolder', file })),
  takeDrop: async (token) => (await askHost({ kind: 'takeDrop', token })) as DropOutcome | null,
};

// The report's PDF printed by the host's browser (Electron's printToPDF), one call per report.
const pdfPrinter = async () => ({
  print: async (html: string, { footer }: { footer: string }) => Buffer.from((await askHost({ kind: 'printPdf', html, footer })) as Uint8Array),
  close: async () => {},
});

const { dataDir, appVersion, hasSecrets, hasDesktop, hasPdfPrinter } = workerData as WorkerData;
let core: Core | null = null;

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'call':
      if (!core) return;
      void core.call(message.name, message.args).then((response) => send({ type: 'result', id: message.id, response }));
      break;
    case 'hostResult':
      pending.get(message.id)?.(message);
      pending.delete(message.id);
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
  core = await openCore({ dataDir, appVersion, programma: 'Wijkmonitor', dialogs, secrets: hasSecrets ? secrets : null, desktop: hasDesktop ? desktop : null, ...(hasPdfPrinter ? { pdfPrinter } : {}) });
  core.onProgress((event) => send({ type: 'progress', event }));
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', error: toApiError(error) });
}
