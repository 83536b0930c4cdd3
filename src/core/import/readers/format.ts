import path from 'node:path';
import { fileLabel, readerError } from './readerErrors.ts';

export type FileFormat = 'csv' | 'xlsx';

/** The format follows the extension: .csv/.txt/.tsv are text, .xlsx/.xlsm are Excel workbooks. */
export function formatOf(file: string): FileFormat {
  const extension = path.extname(file).toLowerCase();
  switch (extension) {
    case '.csv':
    case '.txt':
    case '.tsv':
      return 'csv';
    case '.xlsx':
    case '.xlsm':
      return 'xlsx';
    case '.xls':
      throw readerError(
        'XLS_NIET_ONDERSTEUND',
        file,
        `Het oude Excel-formaat (.xls) wordt niet ondersteund; sla het bestand in Excel op als .xlsx of CSV. Bestand: ${fileLabel(file)}.`,
      );
    default:
      throw readerError(
        'FORMAAT_NIET_ONDERSTEUND',
        file,
        `Het bestand ${fileLabel(file)} heeft geen ondersteund formaat. Gebruik een Excel-bestand (.xlsx) of een CSV-bestand (.csv, .txt of .tsv).`,
      );
  }
}
