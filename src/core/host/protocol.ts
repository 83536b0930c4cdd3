import type { ApiError, ApiResponse, ProgressEvent } from '../../shared/api.ts';
import type { OpenDialogRequest, SaveDialogRequest } from '../api/registry.ts';

/** Messages between a host thread and the core worker. */
export type ToWorker =
  | { type: 'call'; id: number; name: string; args: unknown }
  | { type: 'dialogResult'; id: number; paths: string[] }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: ApiError }
  | { type: 'result'; id: number; response: ApiResponse<unknown> }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'dialog'; id: number; request: { kind: 'save'; options: SaveDialogRequest } | { kind: 'open'; options: OpenDialogRequest } }
  | { type: 'closed' };

export type WorkerData = { dataDir: string; appVersion: string };
