import { AllCommunityModule, ModuleRegistry, type GridOptions } from 'ag-grid-community';
import { agGridLocaleNl } from '../locale/agGridNl.ts';

// Registered once for every grid in the app.
ModuleRegistry.registerModules([AllCommunityModule]);

/**
 * Keyboard use of every grid, as the ARIA grid pattern has it: arrow keys move between cells,
 * Tab leaves the grid for the next control. By default Tab visits every cell, so getting past a
 * table of a thousand products would take thousands of presses. While a cell is being edited,
 * Tab still moves on to the next cell, as in a spreadsheet.
 */
export const keyboardGridOptions = {
  // A header wraps onto a second line rather than ending in "…".
  defaultColDef: { wrapHeaderText: true, autoHeaderHeight: true },
  // Every grid speaks Dutch, to the eye and to screen readers ("Geen rijen om te tonen", "Druk op Enter om te sorteren").
  localeText: agGridLocaleNl,
  tabToNextHeader: () => false,
  tabToNextCell: (params) => (params.editing ? (params.nextCellPosition ?? false) : false),
} satisfies GridOptions;

// Measured from the widest digits and letters of the grid's 14px font, with the cell's padding.
const CHAR_WIDTH = 8.6;
const CELL_PADDING = 40;

/**
 * A column wide enough for the widest of its values, so a figure is never cut to "€ 110.123…";
 * for columns of figures and codes, which cannot wrap. Text that can wrap uses wrapText instead.
 */
export function widthFor(texts: Iterable<string>, min = 90): number {
  let longest = 0;
  for (const text of texts) longest = Math.max(longest, text.length);
  return Math.max(min, Math.ceil(longest * CHAR_WIDTH + CELL_PADDING));
}

/** A column of running text: as wide as there is room for, wrapping instead of cutting off. */
export const wrappingText = { wrapText: true, autoHeight: true, cellStyle: { lineHeight: '1.35', paddingTop: '6px', paddingBottom: '6px', wordBreak: 'normal' } } as const;
