import path from 'node:path';
import { closeStoreFigures } from '../indicators/storeRecordSet.ts';
import type { ApiResponse, ProgressEvent } from '../../shared/api.ts';
import { createAppRegistry } from '../api/handlers.ts';
import type { Desktop, Dialogs, HandlerContext, Registry, SecretStore } from '../api/registry.ts';
import { openCentralStore, type CentralStore } from '../central/store/centralStore.ts';
import { removeStagingBatches } from '../import/importBatch.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { acquireWriterLock } from '../store/writerLock.ts';
import { UserError } from '../errors.ts';
import { createErrorLog, type ErrorLog } from '../log/errorLog.ts';

export type CoreOptions = {
  /** Folder holding `wijkmonitor.sqlite` and its backups. */
  dataDir: string;
  appVersion: string;
  dialogs: Dialogs;
  secrets?: SecretStore | null;
  desktop?: Desktop | null;
  registry?: Registry;
  /** Opens the analyst catalogue; without it the analyst's calls are refused. */
  openCentral?: () => Promise<CentralStore>;
  /** Names this writer in the message another writer gets while it holds the data folder. */
  programma?: string;
  /** Where unexpected errors are logged; `openCore` gives every store its own (`logs/` in the data folder). */
  errorLog?: ErrorLog | null;
  /** The host's PDF printer for the packs (Electron: printToPDF); without it, headless Chromium. */
  pdfPrinter?: HandlerContext['pdfPrinter'];
};

/** One open store with the handlers over it: what every host (Electron, CLI, harness) runs. */
export type Core = {
  call(name: string, args: unknown): Promise<ApiResponse<unknown>>;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  close(): void;
};

export const DATABASE_FILE = 'wijkmonitor.sqlite';

/**
 * Opens the data folder as its one writer: the lock first, so the staging clean-up below can
 * only ever remove what a crashed writer left, never an import another process is running.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const lock = acquireWriterLock(options.dataDir, options.programma ?? 'Wijkmonitor');
  const errorLog = options.errorLog ?? createErrorLog(options.dataDir);
  let core: Core;
  try {
    const db = await openDatabase(path.join(options.dataDir, DATABASE_FILE));
    removeStagingBatches(db);
    core = createCore(db, { openCentral: () => openCentralStore(options.dataDir), ...options, errorLog });
  } catch (error) {
    if (!(error instanceof UserError)) errorLog.write('start', error);
    lock.release();
    throw error;
  }
  return {
    ...core,
    close() {
      try {
        core.close();
      } finally {
        lock.release();
      }
    },
  };
}

export function createCore(db: Db, options: Omit<CoreOptions, 'dataDir'>): Core {
  const registry = options.registry ?? createAppRegistry();
  const listeners = new Set<(event: ProgressEvent) => void>();
  const running = new Map<string, AbortController>();
  let opened = true;
  let central: Promise<CentralStore> | null = null;
  let centralOpen: CentralStore | null = null;
  const openCentral = () => {
    if (!options.openCentral) {
      return Promise.reject(new UserError('GEEN_ANALISTENOPSLAG', 'Deze omgeving heeft geen opslag voor de analist-editie.'));
    }
    // One catalogue connection per core: one writer, opened once even when calls race.
    central ??= options.openCentral().then(
      (store) => {
        // Closed meanwhile: nobody will use it, so it must not stay open.
        if (!opened) store.close();
        else centralOpen = store;
        return store;
      },
      (error: unknown) => {
        central = null;
        throw error;
      },
    );
    return central;
  };

  const emit = (event: ProgressEvent) => listeners.forEach((listener) => listener(event));

  return {
    async call(name, args) {
      const jobId = jobIdOf(args);
      if (jobId !== null && running.has(jobId)) {
        return { ok: false, error: { code: 'TAAK_LOOPT_AL', message: 'Deze taak loopt al.' } };
      }
      const controller = new AbortController();
      if (jobId !== null) running.set(jobId, controller);
      try {
        return await registry.dispatch(name, args, {
          db,
          central: openCentral,
          dialogs: options.dialogs,
          secrets: options.secrets ?? null,
          desktop: options.desktop ?? null,
          ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
          appVersion: options.appVersion,
          signal: controller.signal,
          progress: (event) => {
            if (jobId !== null) emit({ jobId, ...event });
          },
          cancelJob: (id) => {
            const job = running.get(id);
            job?.abort();
            return job !== undefined;
          },
          logUnexpected: options.errorLog ? (call, error) => options.errorLog!.write(call, error) : undefined,
        });
      } finally {
        if (jobId !== null) running.delete(jobId);
      }
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (!opened) return;
      opened = false;
      running.forEach((job) => job.abort());
      centralOpen?.close();
      closeStoreFigures(db);
      // Fold the WAL back into the database so the file on disk is complete on its own.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

function jobIdOf(args: unknown): string | null {
  if (typeof args !== 'object' || args === null || !('jobId' in args)) return null;
  const { jobId } = args as { jobId: unknown };
  return typeof jobId === 'string' ? jobId : null;
}
