import type { ApiError, WijkmonitorApi, WijkmonitorBridge } from '../shared/api.ts';

declare global {
  interface Window {
    /** Set by the Electron preload, or by the harness entry in browser tests. */
    wijkmonitor: WijkmonitorBridge;
  }
}

/** A refusal from the core; the message is Dutch and meant for the user. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly location: ApiError['location'];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.location = error.location;
  }
}

/** The bridge with its envelopes opened: resolves to the result or throws ApiCallError. */
function unwrap(bridge: WijkmonitorBridge): WijkmonitorApi {
  const api: Record<string, unknown> = { onProgress: bridge.onProgress };
  for (const [namespace, methods] of Object.entries(bridge)) {
    if (typeof methods === 'function') continue;
    api[namespace] = Object.fromEntries(
      Object.entries(methods as Record<string, (args?: unknown) => Promise<{ ok: boolean; result?: unknown; error?: ApiError }>>).map(
        ([name, method]) => [
          name,
          async (args?: unknown) => {
            const response = await method(args);
            if (!response.ok) throw new ApiCallError(response.error!);
            return response.result;
          },
        ],
      ),
    );
  }
  return api as WijkmonitorApi;
}

export const api: WijkmonitorApi = unwrap(window.wijkmonitor);
