/**
 * The only code that runs with access to both worlds. It exposes one object, built from the
 * contract's list of calls, and never the IPC objects themselves.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ProgressEvent } from '../../src/shared/api.ts';
import { createBridge } from '../../src/shared/apiObject.ts';
import { CALL_CHANNEL, PROGRESS_CHANNEL } from '../main/channels.ts';

const bridge = createBridge({
  invoke: (name, args) => ipcRenderer.invoke(CALL_CHANNEL, name, args),
  subscribe: (listener) => {
    const relay = (_event: Electron.IpcRendererEvent, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, relay);
    return () => ipcRenderer.off(PROGRESS_CHANNEL, relay);
  },
});

contextBridge.exposeInMainWorld('wijkmonitor', bridge);
