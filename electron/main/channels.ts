/** IPC channel names, shared by main and preload. */
export const CALL_CHANNEL = 'wijkmonitor:call';
export const PROGRESS_CHANNEL = 'wijkmonitor:progress';
