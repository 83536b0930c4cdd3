/**
 * The only code that runs with access to both worlds. It exposes one object, built from the
 * contract's list of calls, and never the IPC objects themselves.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ProgressEvent } from '../../src/shared/api.ts';
import { createBridge } from '../../src/shared/apiObject.ts';
import { CALL_CHANNEL, DROP_CHANNEL, PROGRESS_CHANNEL } from '../main/channels.ts';

const bridge = createBridge({
  invoke: (name, args) => ipcRenderer.invoke(CALL_CHANNEL, name, args),
  subscribe: (listener) => {
    const relay = (_event: Electron.IpcRendererEvent, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, relay);
    return () => ipcRenderer.off(PROGRESS_CHANNEL, relay);
  },
  // Only files the user really dropped have a path: a File the page made itself gets '' (refused
  // in main), and anything that is not a File throws here.
  offerDrop: (files) =>
    ipcRenderer.invoke(
      DROP_CHANNEL,
      files.map((file) => ({ naam: file.name, pad: webUtils.getPathForFile(file as File) })),
    ) as Promise<string>,
});

contextBridge.exposeInMainWorld('wijkmonitor', bridge);
