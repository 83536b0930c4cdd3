/** IPC channel names, shared by main and preload. */
export const CALL_CHANNEL = 'wijkmonitor:call';
export const PROGRESS_CHANNEL = 'wijkmonitor:progress';
/** Preload → main only: the paths of files dropped on the window, to be checked and granted. */
export const DROP_CHANNEL = 'wijkmonitor:drop';
