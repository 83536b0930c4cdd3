import { test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '../../..');

export type RunningHarness = {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Queues answers for the next native dialogs (null = the user cancels a save dialog). */
  scriptDialogs(script: { save?: (string | null)[]; open?: string[][] }): Promise<void>;
  /** The files the app asked the desktop to show in their folder ("Map openen"), in order. */
  shownInFolder(): Promise<string[]>;
  stop(): Promise<void>;
};

/** Starts `src/harness/main.ts` as `npm run harness` does, on a data folder of the test's own. */
export async function startHarness(dataDir = mkdtempSync(path.join(tmpdir(), 'wm-e2e-'))): Promise<RunningHarness> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'src/harness/main.ts'), '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('WIJKMONITOR_HARNESS_URL=')) resolve(line.slice('WIJKMONITOR_HARNESS_URL='.length));
    });
    child.once('exit', (code) => reject(new Error(`harness stopped with code ${code}`)));
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;
  return {
    url,
    origin: parsed.origin,
    token,
    dataDir,
    async scriptDialogs(script) {
      const response = await fetch(`${parsed.origin}/__harness/dialogs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(script),
      });
      if (!response.ok) throw new Error(`dialog script refused: ${response.status}`);
    },
    async shownInFolder() {
      const response = await fetch(`${parsed.origin}/__harness/shown`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`shown refused: ${response.status}`);
      return (await response.json()) as string[];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Opens the app and waits until it is past "Wijkmonitor wordt gestart…" (App.tsx): the edition
 * choice, the screens or a startup error. The core starts in its own thread beside the page; on a
 * loaded CI machine that alone has taken longer than the 5 s an expect waits, and the tests are
 * about what comes after the start.
 */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const root = document.getElementById('root');
      return root !== null && root.childElementCount > 0 && root.querySelector(':scope > p.loading') === null;
    },
    null,
    { timeout: 60_000 },
  );
}

export const test = base.extend<{ harness: RunningHarness; app: Page }>({
  harness: async ({}, use) => {
    const harness = await startHarness();
    await use(harness);
    await harness.stop();
  },
  app: async ({ page, harness }, use) => {
    await openApp(page, harness.url);
    await use(page);
  },
});

export { expect } from '@playwright/test';
