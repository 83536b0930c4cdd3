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
  // Every grid speaks Dutch, to the eye and to screen readers ("Geen rijen om te tonen", "Druk op Enter om te sorteren").
  localeText: agGridLocaleNl,
  tabToNextHeader: () => false,
  tabToNextCell: (params) => (params.editing ? (params.nextCellPosition ?? false) : false),
} satisfies GridOptions;
