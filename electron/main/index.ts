import { app, BrowserWindow, clipboard, dialog, ipcMain, shell } from 'electron';
import path from 'node:path';
import type { Desktop, Dialogs } from '../../src/core/api/registry.ts';
import { startCoreWorker, type CoreConnection } from '../../src/core/host/workerHost.ts';
import { checkDroppedFiles, createDropBox } from '../../src/core/import/droppedFiles.ts';
import workerPath from '../../src/core/host/coreWorker.ts?modulePath';
import { registerAppScheme, serveRenderer } from './appProtocol.ts';
import { CALL_CHANNEL, DROP_CHANNEL, PROGRESS_CHANNEL } from './channels.ts';
import { electronPdfPrinter } from './printToPdf.ts';
import { createSafeStorageSecrets } from './safeStorageSecrets.ts';
import { startupProblem } from '../../src/shared/startupProblem.ts';
import { createMainWindow, isOwnFrame, lockDownSession, rendererDir } from './window.ts';

// One writer per store: a second start focuses the first window instead.
if (!app.requestSingleInstanceLock()) app.quit();

registerAppScheme();
app.enableSandbox();

let window: BrowserWindow | null = null;
let core: CoreConnection | null = null;

const dialogs: Dialogs = {
  async save(request) {
    const result = await dialog.showSaveDialog(window!, { title: request.title, defaultPath: request.defaultName, filters: request.filters });
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async open(request) {
    const result = await dialog.showOpenDialog(window!, {
      title: request.title,
      filters: request.filters,
      properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    });
    return result.canceled ? [] : result.filePaths;
  },
};

const drops = createDropBox();

const desktop: Desktop = {
  // Only ever a path the core recorded for a delivery it wrote, and checked to exist.
  async showInFolder(file) {
    shell.showItemInFolder(file);
  },
  takeDrop: async (token) => drops.take(token),
};

async function start(): Promise<void> {
  lockDownSession();
  serveRenderer(rendererDir(import.meta.dirname));
  core = startCoreWorker({ dataDir: app.getPath('userData'), appVersion: app.getVersion(), dialogs, secrets: createSafeStorageSecrets(), desktop, pdfPrinter: electronPdfPrinter, workerPath });

  const failure = await core.ready;
  if (failure) {
    // A store we cannot open is never touched: say which problem it is (corrupt, locked,
    // read-only, too new) and what to do, let the user copy it, and quit.
    const problem = startupProblem(failure.code);
    const choice = await dialog.showMessageBox({
      type: 'error',
      title: 'Wijkmonitor kan niet starten',
      message: problem.titel,
      detail: `${failure.message}\n\n${problem.advies}`,
      buttons: ['Foutmelding kopiëren en afsluiten', 'Afsluiten'],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice.response === 0) clipboard.writeText(failure.message);
    app.quit();
    return;
  }

  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, args: unknown) => {
    if (!isOwnFrame(window, event.senderFrame)) throw new Error('IPC van een onbekende afzender geweigerd');
    return core!.call(String(name), args);
  });
  // A drop becomes a choice like one made in the open dialog: the preload sends the paths
  // Electron gave the dropped File objects, main checks them (existing regular files the import
  // reads) and keeps them under a one-time token; the core redeems the token and registers the
  // files under opaque ids. The page never sees a path and cannot name one.
  ipcMain.handle(DROP_CHANNEL, (event, dropped: unknown) => {
    if (!isOwnFrame(window, event.senderFrame)) throw new Error('IPC van een onbekende afzender geweigerd');
    return drops.put(checkDroppedFiles(dropped));
  });
  core.onProgress((progress) => window?.webContents.send(PROGRESS_CHANNEL, progress));

  window = createMainWindow(path.join(import.meta.dirname, '../preload/index.cjs'));
  window.on('closed', () => (window = null));
}

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
});
app.on('window-all-closed', () => app.quit());

let closing = false;
app.on('will-quit', (event) => {
  // Let running jobs stop and the WAL be folded back before the process ends.
  if (closing || !core) return;
  event.preventDefault();
  closing = true;
  void core.close().finally(() => app.quit());
});

void app.whenReady().then(start);
