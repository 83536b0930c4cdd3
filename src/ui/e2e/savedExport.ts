import { expect, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { RunningHarness } from './harnessFixture.ts';

/**
 * Where the screen says that it saved: `status`, the one status line of `scope` (a panel);
 * `among`, one of the status lines of `scope` (a screen that also reports its imports there);
 * `text`, the sentence anywhere in `scope`.
 */
export type SavedLine = 'status' | 'among' | 'text';

export type SaveOptions = {
  /** The button's accessible name; `exact` where another button's name contains it. */
  button: string;
  exact?: boolean;
  /** The file the save dialog is answered with, in the harness's data folder. */
  naam: string;
  line?: SavedLine;
  /** How the line begins before the path. */
  said?: string;
  timeout?: number;
};

/**
 * Saves what a button of `scope` exports, the save dialog answered with `naam` in the data
 * folder, and waits for the screen to say where it saved; gives the file's path.
 */
export async function saveExport(harness: RunningHarness, scope: Page | Locator, options: SaveOptions): Promise<string> {
  const { button, exact, naam, line = 'status', said = 'Opgeslagen in', timeout } = options;
  const file = path.join(harness.dataDir, naam);
  await harness.scriptDialogs({ save: [file] });
  await scope.getByRole('button', exact === undefined ? { name: button } : { name: button, exact }).click();
  const text = `${said} ${file}`;
  if (line === 'text') await expect(scope.getByText(text)).toBeVisible({ timeout });
  else if (line === 'among') await expect(scope.getByRole('status').filter({ hasText: said })).toHaveText(text, { timeout });
  else await expect(scope.getByRole('status')).toHaveText(text, { timeout });
  return file;
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** saveExport of an Excel button, and the workbook it wrote. */
export async function saveWorkbook(harness: RunningHarness, scope: Page | Locator, options: SaveOptions): Promise<ExcelJS.Workbook> {
  return readWorkbook(await saveExport(harness, scope, options));
}

/** Every row of a sheet as the text of its cells from column A on (an empty cell as ''). */
export function sheetTexts(sheet: ExcelJS.Worksheet): string[][] {
  return sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1).map((c) => String(c ?? ''))] : []));
}
