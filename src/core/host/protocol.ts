import type { ApiError, ApiResponse, ProgressEvent } from '../../shared/api.ts';
import type { OpenDialogRequest, SaveDialogRequest } from '../api/registry.ts';
import type { DropOutcome } from '../import/droppedFiles.ts';

/** Messages between a host thread and the core worker. */
export type ToWorker =
  | { type: 'call'; id: number; name: string; args: unknown }
  | { type: 'hostResult'; id: number; value: HostAnswer; error?: ApiError }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: ApiError }
  | { type: 'result'; id: number; response: ApiResponse<unknown> }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'host'; id: number; request: HostRequest }
  | { type: 'closed' };

/** What the core asks of the thread that hosts it: native dialogs, the key store, the desktop and (Electron) printing to PDF. */
export type HostRequest =
  | { kind: 'save'; options: SaveDialogRequest }
  | { kind: 'open'; options: OpenDialogRequest }
  | { kind: 'protect'; data: Uint8Array }
  | { kind: 'unprotect'; data: Uint8Array }
  | { kind: 'showInFolder'; file: string }
  | { kind: 'takeDrop'; token: string }
  | { kind: 'printPdf'; html: string; footer: string };

export type HostAnswer = string[] | Uint8Array | DropOutcome | null;

export type WorkerData = { dataDir: string; appVersion: string; hasSecrets: boolean; hasDesktop: boolean; hasPdfPrinter?: boolean };
