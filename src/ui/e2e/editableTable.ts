import { expect, type Locator, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningHarness } from './harnessFixture.ts';

/*
 * What a user does on a table edited row by row (Programmering, Lasten: one toolbar and grid,
 * EditableTable.tsx), in the user's words.
 */

/** Writes `text` as `naam` in the data folder and reads it in with the screen's Importeren button. */
export async function importTableText(harness: RunningHarness, app: Page, naam: string, text: string): Promise<void> {
  const file = path.join(harness.dataDir, naam);
  writeFileSync(file, text);
  await harness.scriptDialogs({ open: [[file]] });
  await app.getByRole('button', { name: 'Importeren (CSV of Excel)…' }).click();
}

/** Types into a cell: saved at once (`saved` shows), then undone with the button (`before` shows again). */
export async function editAndUndo(app: Page, cell: Locator, typed: string, saved: string, before: string): Promise<void> {
  await cell.click();
  await app.keyboard.type(typed);
  await app.keyboard.press('Enter');
  await expect(cell).toHaveText(saved);
  await app.getByRole('button', { name: 'Laatste wijziging ongedaan maken (Ctrl+Z)' }).click();
  await expect(cell).toHaveText(before);
}
