import { Worker } from 'node:worker_threads';
import type { ApiError, ApiResponse, ProgressEvent } from '../../shared/api.ts';
import type { Desktop, Dialogs, SecretStore } from '../api/registry.ts';
import type { PdfPrinter } from '../pack/pdfPrinter.ts';
import { toApiError } from '../errors.ts';
import type { FromWorker, HostAnswer, HostRequest, ToWorker, WorkerData } from './protocol.ts';

export type CoreConnection = {
  /** Resolves when the store is open; a startup failure (e.g. a too-new database) is returned, not thrown. */
  ready: Promise<ApiError | null>;
  call(name: string, args: unknown): Promise<ApiResponse<unknown>>;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  close(): Promise<void>;
};

export type WorkerHostOptions = Omit<WorkerData, 'hasSecrets' | 'hasDesktop' | 'hasPdfPrinter'> & {
  dialogs: Dialogs;
  secrets?: SecretStore | null;
  desktop?: Desktop | null;
  /** Prints the packs' report in the host (Electron: printToPDF); without it the core uses headless Chromium. */
  pdfPrinter?: Pick<PdfPrinter, 'print'> | null;
  /** The worker's entry file: the TypeScript source under Node, the bundled file in Electron. */
  workerPath?: string | URL;
};

/** Starts the core in a worker thread and speaks the protocol for the host. */
export function startCoreWorker(options: WorkerHostOptions): CoreConnection {
  const worker = new Worker(options.workerPath ?? new URL('./coreWorker.ts', import.meta.url), {
    workerData: { dataDir: options.dataDir, appVersion: options.appVersion, hasSecrets: Boolean(options.secrets), hasDesktop: Boolean(options.desktop), hasPdfPrinter: Boolean(options.pdfPrinter) } satisfies WorkerData,
  });
  const send = (message: ToWorker) => worker.postMessage(message);
  const pending = new Map<number, (response: ApiResponse<unknown>) => void>();
  const listeners = new Set<(event: ProgressEvent) => void>();
  let nextId = 1;
  let startupError: ApiError | null = null;
  let exited = false;

  let markReady: (error: ApiError | null) => void = () => {};
  const ready = new Promise<ApiError | null>((resolve) => (markReady = resolve));
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));

  const crashed: ApiError = {
    code: 'KERN_GESTOPT',
    message: 'De rekenkern van Wijkmonitor is onverwacht gestopt. Start de toepassing opnieuw; opgeslagen gegevens blijven bewaard.',
  };

  async function answerHost(request: HostRequest): Promise<HostAnswer> {
    switch (request.kind) {
      case 'save': {
        const file = await options.dialogs.save(request.options);
        return file === null ? [] : [file];
      }
      case 'open':
        return options.dialogs.open(request.options);
      case 'protect':
        return options.secrets!.protect(request.data);
      case 'unprotect':
        return options.secrets!.unprotect(request.data);
      case 'showInFolder':
        await options.desktop!.showInFolder(request.file);
        return null;
      case 'takeDrop':
        return options.desktop!.takeDrop(request.token);
      case 'printPdf':
        return new Uint8Array(await options.pdfPrinter!.print(request.html, { footer: request.footer }));
    }
  }

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'ready':
        markReady(null);
        break;
      case 'failed':
        startupError = message.error;
        markReady(message.error);
        break;
      case 'result':
        pending.get(message.id)?.(message.response);
        pending.delete(message.id);
        break;
      case 'progress':
        listeners.forEach((listener) => listener(message.event));
        break;
      case 'host': {
        const { id, request } = message;
        void answerHost(request).then(
          (value) => {
            send({ type: 'hostResult', id, value });
            // postMessage copied them to the worker: this thread's copies of key bytes are zeroed.
            if (request.kind === 'unprotect' && value instanceof Uint8Array) value.fill(0);
          },
          (error: unknown) => send({ type: 'hostResult', id, value: null, error: toApiError(error) }),
        ).finally(() => {
          // The key the worker sent to be protected was copied here; this copy is done with.
          if (request.kind === 'protect') request.data.fill(0);
        });
        break;
      }
      case 'closed':
        break;
    }
  });
  worker.on('error', () => {
    startupError ??= crashed;
    markReady(startupError);
  });
  worker.on('exit', () => {
    exited = true;
    startupError ??= crashed;
    markReady(startupError);
    pending.forEach((resolve) => resolve({ ok: false, error: crashed }));
    pending.clear();
    markClosed();
  });

  return {
    ready,
    async call(name, args) {
      const failure = await ready;
      if (failure) return { ok: false, error: failure };
      if (exited) return { ok: false, error: crashed };
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ type: 'call', id, name, args });
      });
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (exited) return;
      await ready;
      send({ type: 'close' });
      await closed;
    },
  };
}
