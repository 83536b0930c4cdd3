/** What the analyst does on the Leveringen screen, shared by the analyst edition's browser tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './AppPage.ts';
import { naamOf, PERIODEN, type CentralFixtures } from './centralFixtures.ts';
import type { RunningHarness } from './harnessFixture.ts';

export const GEMEENTEN = ['GM9901', 'GM9902', 'GM9903'] as const;
/** The six deliveries: every fixture gemeente, both quarters. */
export const allDeliveries = (fixtures: CentralFixtures) => GEMEENTEN.flatMap((g) => PERIODEN.map((p) => fixtures.levering(g, p)));

/** The analyst edition at the screenshots' size, with the six deliveries taken in through the dialog. */
export async function startAnalist(app: Page, harness: RunningHarness, files: string[], { progress = false } = {}): Promise<AppPage> {
  const shell = new AppPage(app);
  await app.setViewportSize({ width: 1366, height: 768 });
  await shell.chooseEdition('Analist-editie');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Leveringen');
  await harness.scriptDialogs({ open: [files] });
  // The progress lines are gone when the intake ends, which can be sooner than an expect polls: the page records them as they come.
  if (progress) {
    await app.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => document.querySelectorAll('[data-testid="job-progress"] [role="status"]').forEach((e) => seen.push(e.textContent ?? ''))).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }
  await app.getByRole('button', { name: 'Leveringen kiezen…' }).click();
  await expect(resultRows(app.getByTestId('intake-result'))).toHaveCount(files.length, { timeout: 120_000 });
  if (progress) {
    // While the zips are read: which file, what is being done to it, how far along the list.
    const seen = await app.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((t) => new RegExp(`levering\\.zip: .+ \\(\\d+ van ${files.length}\\)$`).test(t))).toBe(true);
  }
  return shell;
}

/** The rows of a per-file result grid (intake, reference files), its header row not counted. */
export const resultRows = (result: Locator) => result.getByRole('row').filter({ has: result.page().getByRole('gridcell') });

export const matrixCell = (app: Page, gemeente: string, periode: string) => app.getByTestId('delivery-matrix').getByRole('button', { name: new RegExp(`^${gemeente} ${naamOf(gemeente)} ${periode}:`) });

/** Drops files on the drop zone as a drag from the file manager delivers them: their bytes. */
export async function dropFiles(app: Page, files: string[]): Promise<void> {
  const dropped = files.map((file) => ({ name: path.basename(file), base64: readFileSync(file).toString('base64') }));
  const dataTransfer = await app.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
    return transfer;
  }, dropped);
  const zone = app.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}
